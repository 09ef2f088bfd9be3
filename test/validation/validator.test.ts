/** The validator: each kind of check with a passing and a failing case, naming the element path. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { makeSyntheticIdent, completeOrgnr } from '../../src/domain/identity/index.ts';
import type { OutcomeIssue } from '../../src/fhir/outcome.ts';
import { createValidator, type Validator } from '../../src/fhir/validation/index.ts';

const FNR = 'urn:oid:2.16.578.1.12.4.1.4.1';
const PATIENT_PROFILE = 'https://helsebro.no/fhir/StructureDefinition/no-basis-Patient';

function errors(issues: OutcomeIssue[]) {
  return issues.filter((i) => i.severity === 'error').map((i) => i.expression?.[0] ?? '');
}

describe('validator', () => {
  let v: Validator;
  before(async () => {
    v = await createValidator();
  });

  const cases: Array<{ name: string; resource: Record<string, unknown>; errorsAt: string[] }> = [
    { name: 'a minimal valid Patient', resource: { resourceType: 'Patient' }, errorsAt: [] },
    { name: 'an unknown element', resource: { resourceType: 'Patient', colour: 'blue' }, errorsAt: ['Patient.colour'] },
    { name: 'an unknown nested element', resource: { resourceType: 'Patient', name: [{ famly: 'X' }] }, errorsAt: ['Patient.name[0].famly'] },
    { name: 'a single value where an array is required', resource: { resourceType: 'Patient', name: { family: 'X' } }, errorsAt: ['Patient.name'] },
    { name: 'an array where a single value is required', resource: { resourceType: 'Patient', gender: ['male'] }, errorsAt: ['Patient.gender'] },
    { name: 'a wrong primitive type', resource: { resourceType: 'Patient', active: 'yes' }, errorsAt: ['Patient.active'] },
    { name: 'a date that does not exist', resource: { resourceType: 'Patient', birthDate: '2023-02-29' }, errorsAt: ['Patient.birthDate'] },
    { name: 'a leap day that exists', resource: { resourceType: 'Patient', birthDate: '2024-02-29' }, errorsAt: [] },
    { name: 'a dateTime without a timezone', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, effectiveDateTime: '2024-01-01T10:00:00' }, errorsAt: ['Observation.effectiveDateTime'] },
    { name: 'an empty string', resource: { resourceType: 'Patient', name: [{ given: [''] }] }, errorsAt: ['Patient.name[0].given[0]'] },
    { name: 'an empty object', resource: { resourceType: 'Patient', name: [{}] }, errorsAt: ['Patient.name[0]'] },
    { name: 'an empty array', resource: { resourceType: 'Patient', name: [] }, errorsAt: ['Patient.name'] },
    { name: 'null', resource: { resourceType: 'Patient', gender: null }, errorsAt: ['Patient.gender'] },
    { name: 'a missing required element', resource: { resourceType: 'Observation', code: { text: 'x' } }, errorsAt: ['Observation.status'] },
    { name: 'a code outside its required value set', resource: { resourceType: 'Patient', gender: 'robot' }, errorsAt: ['Patient.gender'] },
    { name: 'two types of one choice element', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueString: 'a', valueBoolean: true }, errorsAt: ['Observation.valueBoolean'] },
    { name: 'a type a choice element does not allow', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueUri: 'urn:x' }, errorsAt: ['Observation.valueUri'] },
    { name: 'an invariant on an element (pat-1)', resource: { resourceType: 'Patient', contact: [{ gender: 'male' }] }, errorsAt: ['Patient.contact[0]'] },
    { name: 'an invariant on a data type (per-1)', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, effectivePeriod: { start: '2024-02-01', end: '2024-01-01' } }, errorsAt: ['Observation.effectivePeriod'] },
    { name: 'an invariant on a nested backbone (que-1)', resource: { resourceType: 'Questionnaire', status: 'draft', item: [{ linkId: 'a', type: 'group' }] }, errorsAt: ['Questionnaire.item[0]'] },
    { name: 'a content reference (Questionnaire.item.item)', resource: { resourceType: 'Questionnaire', status: 'draft', item: [{ linkId: 'a', type: 'group', item: [{ linkId: 'b', type: 'string', colour: 1 }] }] }, errorsAt: ['Questionnaire.item[0].item[0].colour'] },
    { name: 'a bad contained resource', resource: { resourceType: 'Patient', contained: [{ resourceType: 'Organization', nme: 'x' }] }, errorsAt: ['Patient.contained[0].nme', 'Patient.contained[0]'] },
    { name: 'a primitive extension sibling', resource: { resourceType: 'Patient', birthDate: '1990-01-01', _birthDate: { extension: [{ url: 'urn:x', valueString: 'y' }] } }, errorsAt: [] },
    { name: 'a stray underscore element', resource: { resourceType: 'Patient', _colour: {} }, errorsAt: ['Patient._colour'] },
    { name: 'a Bundle entry validated as its own resource', resource: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', gender: 'x' } }] }, errorsAt: ['Bundle.entry[0].resource.gender'] },
    { name: 'an extension without url', resource: { resourceType: 'Patient', extension: [{ valueString: 'x' }] }, errorsAt: ['Patient.extension[0].url'] },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.errorsAt.length ? `error at ${c.errorsAt.join(', ')}` : 'valid'}`, () => {
      assert.deepEqual(errors(v.validate(c.resource)), c.errorsAt);
    });
  }

  it('refuses unknown and abstract resource types', () => {
    assert.deepEqual(errors(v.validate({ resourceType: 'Pasient' })), ['resourceType']);
    assert.deepEqual(errors(v.validate({ resourceType: 'DomainResource' })), ['resourceType']);
    assert.equal(v.isResourceType('Patient'), true);
    assert.equal(v.isResourceType('Resource'), false);
    assert.ok(v.resourceTypes().length > 140);
  });

  describe('Norwegian profiles', () => {
    const fnr = makeSyntheticIdent('1985-04-12', 101) ?? makeSyntheticIdent('1985-04-12', 103)!;
    const withProfile = (identifier: unknown[]) => ({ resourceType: 'Patient', meta: { profile: [PATIENT_PROFILE] }, identifier });

    it('accepts a valid fødselsnummer and refuses one with a wrong check digit', () => {
      assert.deepEqual(errors(v.validate(withProfile([{ system: FNR, value: fnr }]))), []);
      const wrong = fnr.slice(0, 10) + String((Number(fnr[10]) + 1) % 10);
      assert.deepEqual(errors(v.validate(withProfile([{ system: FNR, value: wrong }]))), ['Patient.identifier[0]']);
    });

    it('requires an identifier on a no-basis Patient', () => {
      assert.deepEqual(errors(v.validate({ resourceType: 'Patient', meta: { profile: [PATIENT_PROFILE] } })), ['Patient.identifier']);
    });

    it('checks HPR numbers and organisation numbers', () => {
      const hpr = 'https://helsebro.no/fhir/StructureDefinition/no-basis-Practitioner';
      assert.deepEqual(errors(v.validate({ resourceType: 'Practitioner', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: '0123456789' }] }, { profile: hpr })), []);
      assert.deepEqual(errors(v.validate({ resourceType: 'Practitioner', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: '12345678901' }] }, { profile: hpr })), ['Practitioner.identifier[0]']);
      const org = 'https://helsebro.no/fhir/StructureDefinition/no-basis-Organization';
      const orgnr = completeOrgnr('97452212')!;
      assert.deepEqual(errors(v.validate({ resourceType: 'Organization', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.101', value: orgnr }] }, { profile: org })), []);
      const bad = orgnr.slice(0, 8) + String((Number(orgnr[8]) + 1) % 10);
      assert.deepEqual(errors(v.validate({ resourceType: 'Organization', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.101', value: bad }] }, { profile: org })), ['Organization.identifier[0]']);
    });

    it('checks every Norwegian identifier by its system, with or without a profile, wherever it stands', () => {
      const wrong = fnr.slice(0, 10) + String((Number(fnr[10]) + 1) % 10);
      const dnr = makeSyntheticIdent('1985-04-12', 101, 'DNR') ?? makeSyntheticIdent('1985-04-12', 103, 'DNR')!;
      const orgnr = completeOrgnr('97452212')!;
      const cases: Array<{ resource: Record<string, unknown>; errorsAt: string[] }> = [
        { resource: { resourceType: 'Patient', identifier: [{ system: FNR, value: fnr }] }, errorsAt: [] },
        { resource: { resourceType: 'Patient', identifier: [{ system: FNR, value: wrong }] }, errorsAt: ['Patient.identifier[0]'] },
        { resource: { resourceType: 'Patient', identifier: [{ system: FNR, value: dnr }] }, errorsAt: ['Patient.identifier[0]'] },
        { resource: { resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.2', value: dnr }] }, errorsAt: [] },
        { resource: { resourceType: 'Patient', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.2', value: fnr }] }, errorsAt: ['Patient.identifier[0]'] },
        { resource: { resourceType: 'Patient', identifier: [{ system: FNR, value: '123' }], meta: { profile: ['http://hl7.no/fhir/StructureDefinition/no-basis-Patient'] } }, errorsAt: ['Patient.identifier[0]'] },
        { resource: { resourceType: 'Practitioner', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: '12345678901' }] }, errorsAt: ['Practitioner.identifier[0]'] },
        { resource: { resourceType: 'Practitioner', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.4', value: 'abc' }] }, errorsAt: ['Practitioner.identifier[0]'] },
        { resource: { resourceType: 'Organization', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.101', value: orgnr }] }, errorsAt: [] },
        { resource: { resourceType: 'Organization', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.4.101', value: orgnr.slice(0, 8) + String((Number(orgnr[8]) + 1) % 10) }] }, errorsAt: ['Organization.identifier[0]'] },
        { resource: { resourceType: 'Organization', identifier: [{ system: 'urn:oid:2.16.578.1.12.4.1.2', value: 'HER-1' }] }, errorsAt: ['Organization.identifier[0]'] },
        // A logical reference by identifier, and a contained resource.
        { resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { identifier: { system: FNR, value: wrong } } }, errorsAt: ['Observation.subject.identifier'] },
        { resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, contained: [{ resourceType: 'Patient', id: 'p', identifier: [{ system: FNR, value: wrong }] }], subject: { reference: '#p' } }, errorsAt: ['Observation.contained[0].identifier[0]'] },
        // Other systems, and a ContactPoint's system, are not Norwegian identifiers.
        { resource: { resourceType: 'Patient', identifier: [{ system: 'urn:test', value: '1' }], telecom: [{ system: 'phone', value: '12' }] }, errorsAt: [] },
      ];
      for (const c of cases) assert.deepEqual(errors(v.validate(c.resource)), c.errorsAt, JSON.stringify(c.resource).slice(0, 160));
    });

    it("knows HL7 Norway's no-basis canonicals: no unknown-profile warning, and the type must match", () => {
      const issues = v.validate({ resourceType: 'Patient', meta: { profile: ['http://hl7.no/fhir/StructureDefinition/no-basis-Patient'] }, identifier: [{ system: FNR, value: fnr }] });
      assert.deepEqual(issues, []);
      const wrongType = v.validate({ resourceType: 'Organization', name: 'Kontor', meta: { profile: ['http://hl7.no/fhir/StructureDefinition/no-basis-Patient'] } });
      assert.match(wrongType[0]?.diagnostics ?? '', /is for Patient, not Organization/);
      for (const file of ['patient-1.json', 'practitioner-1.json', 'organization-1.json']) {
        const example = JSON.parse(readFileSync(new URL(`../../../shared/data/fhir-examples/syk-inn/${file}`, import.meta.url), 'utf8'));
        const found = v.validate(example).filter((i) => /not known/.test(i.diagnostics ?? ''));
        assert.deepEqual(found, [], `${file}: no unknown-profile warning`);
      }
    });

    it('warns about a claimed profile it does not know, and refuses an unknown requested one', () => {
      const issues = v.validate({ resourceType: 'Patient', meta: { profile: ['http://example.org/unknown'] } });
      assert.equal(issues[0].severity, 'warning');
      assert.equal(v.validate({ resourceType: 'Patient' }, { profile: 'http://example.org/unknown' })[0].severity, 'error');
    });

    it('lists the profiles of the implementation guide', () => {
      assert.ok(v.profileUrls().includes(PATIENT_PROFILE));
      assert.ok(v.igResources().every((r) => typeof r.resourceType === 'string' && typeof r.id === 'string'));
    });
  });

  it('reads the Norwegian example bundle without throwing and reports paths', () => {
    const bundle = JSON.parse(readFileSync(new URL('../../../shared/data/fhir-examples/fhir-test-cases/no.gastronet.json', import.meta.url), 'utf8'));
    const issues = v.validate(bundle);
    for (const i of issues) assert.ok(i.expression?.[0]?.startsWith('Bundle') || i.severity !== 'error');
  });
});
