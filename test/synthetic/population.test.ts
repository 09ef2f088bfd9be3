/** The synthetic population: deterministic, valid, unique, synthetic-only, and well referenced. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { IdentifierSystem, isValidOrgnr, parseIdent } from '../../src/domain/identity/index.ts';
import { hasErrors } from '../../src/fhir/outcome.ts';
import { createValidator, type Validator } from '../../src/fhir/validation/index.ts';
import { demoPersonas, generatePopulation, summarisePopulation, type FhirResource } from '../../src/synthetic/index.ts';

const digest = (seed: number, patients: number) => {
  const h = createHash('sha256');
  for (const r of generatePopulation({ seed, patients })) h.update(JSON.stringify(r));
  return h.digest('hex');
};

const identifiers = (r: FhirResource) => (r.identifier as Array<{ system: string; value: string }> | undefined) ?? [];

describe('synthetic population', () => {
  let v: Validator;
  let all: FhirResource[];
  before(async () => {
    v = await createValidator();
    all = [...generatePopulation({ seed: 3, patients: 20_000 })];
  });

  it('is the same for the same seed and different for another', () => {
    assert.equal(digest(1, 500), digest(1, 500));
    assert.notEqual(digest(1, 500), digest(2, 500));
  });

  it('produces only valid FHIR (against the claimed Norwegian profiles too)', () => {
    const sample = all.filter((_, i) => i % 7 === 0 || all[i].resourceType !== 'Patient');
    for (const r of sample) {
      const issues = v.validate(r);
      assert.equal(hasErrors(issues), false, `${r.resourceType}/${r.id}: ${JSON.stringify(issues)}`);
    }
  });

  it('uses only synthetic identity numbers, each once, with gender matching the individual number', () => {
    const seen = new Set<string>();
    for (const r of all) {
      for (const i of identifiers(r)) {
        if (i.system !== IdentifierSystem.FNR && i.system !== IdentifierSystem.DNR) continue;
        const parsed = parseIdent(i.value);
        assert.ok(parsed?.synthetic, `${i.value} must be a synthetic number`);
        assert.equal(parsed.kind, i.system === IdentifierSystem.FNR ? 'FNR' : 'DNR');
        assert.equal(parsed.birthDate, r.birthDate);
        assert.equal(Number(i.value[8]) % 2 === 1 ? 'male' : 'female', r.gender);
        assert.ok(!seen.has(i.value), `duplicate ${i.value}`);
        seen.add(i.value);
      }
    }
    assert.ok(seen.size > 20_000);
  });

  it('gives unique HPR numbers and valid, unique organisation numbers', () => {
    const hpr = all.flatMap((r) => identifiers(r).filter((i) => i.system === IdentifierSystem.HPR).map((i) => i.value));
    assert.equal(new Set(hpr).size, hpr.length);
    const orgs = all.flatMap((r) => identifiers(r).filter((i) => i.system === IdentifierSystem.ORGNR).map((i) => i.value));
    assert.equal(new Set(orgs).size, orgs.length);
    assert.ok(orgs.every(isValidOrgnr));
  });

  it('only refers to resources that came earlier in the stream', () => {
    const seen = new Set<string>();
    const refs = (node: unknown, out: string[]) => {
      if (Array.isArray(node)) node.forEach((n) => refs(n, out));
      else if (node && typeof node === 'object') {
        for (const [k, val] of Object.entries(node)) {
          if (k === 'reference' && typeof val === 'string') out.push(val);
          else refs(val, out);
        }
      }
      return out;
    };
    for (const r of all) {
      for (const ref of refs(r, [])) assert.ok(seen.has(ref), `${r.resourceType}/${r.id} refers to ${ref} before it exists`);
      seen.add(`${r.resourceType}/${r.id}`);
    }
  });

  it('leaves some patients without a fastlege, has children under 13, and matches its summary', () => {
    const patients = all.filter((r) => r.resourceType === 'Patient');
    const noList = patients.filter((p) => !p.generalPractitioner).length;
    const vacant = patients.filter((p) => (p.generalPractitioner as Array<{ reference?: string }> | undefined)?.[0]?.reference?.startsWith('PractitionerRole/fastlege-ubesatt-')).length;
    const without = noList + vacant;
    assert.ok(without / patients.length > 0.02 && without / patients.length < 0.07, `share without fastlege ${without / patients.length}`);
    assert.ok(noList > 0 && vacant > 0, 'some patients are on no list, some on a vacant one');
    assert.ok(patients.some((p) => Number(String(p.birthDate).slice(0, 4)) > 2013));
    const summary = summarisePopulation({ seed: 3, patients: 20_000 });
    assert.equal(summary.resources, all.length);
    assert.equal(summary.withoutFastlege, without);
    assert.equal(summary.onVacantList, vacant);
    assert.equal(summary.practitionerRoles, all.filter((r) => r.resourceType === 'PractitionerRole').length);
    assert.equal(summary.practitioners, all.filter((r) => r.resourceType === 'Practitioner').length);
  });

  it('names demo personas from the same population', () => {
    const p = demoPersonas({ seed: 3, patients: 20_000 });
    assert.equal(p.gps.length, 2);
    assert.ok(p.patientWithFastlege.identifier.length === 11);
    assert.ok(p.patientWithoutFastlege);
    assert.ok(p.employer.identifier.length === 9);
  });
});
