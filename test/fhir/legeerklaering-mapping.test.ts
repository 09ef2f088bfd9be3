/**
 * QuestionnaireResponse ↔ Legeerklaering: the round trip both ways, the example against our
 * Questionnaire and the server's validator, an item for every model field, and problems named by item.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Legeerklaering } from '../../src/domain/legeerklaering/index.ts';
import { hasErrors } from '../../src/fhir/outcome.ts';
import { isGroup, LEGEERKLAERING_ITEMS, renderLegeerklaeringQuestionnaire, type LegeerklaeringItem } from '../../src/fhir/mapping/legeerklaering-items.ts';
import { isLegeerklaeringQuestionnaire, toLegeerklaering, toLegeerklaeringQuestionnaireResponse } from '../../src/fhir/mapping/legeerklaering.ts';
import { getValidator } from '../../src/server.ts';
import { legeerklaering as minimal } from '../domain/legeerklaering/builders.ts';
import { EXAMPLE_REFS, FULL_LEGEERKLAERING } from './legeerklaering-example.ts';
import { questionnaireProblems } from './questionnaire-conformance.ts';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, any>;
const EXAMPLE = read('../../fhir/examples/QuestionnaireResponse-eksempel-legeerklaering.json');
const QUESTIONNAIRE = read('../../fhir/Questionnaire-helsebro-legeerklaering.json');
const refs = { mottattTidspunkt: FULL_LEGEERKLAERING.mottattTidspunkt };
const clone = <T>(v: T): T => structuredClone(v);
const itemIn = (items: any[], ...linkIds: string[]): any => linkIds.reduce((list, id, i) => {
  const found = list.find((x: any) => x.linkId === id);
  return i === linkIds.length - 1 ? found : found.item;
}, items);

describe('legeerklæring QuestionnaireResponse mapping', () => {
  it('model → QuestionnaireResponse → model is the identity, for a full and a minimal legeerklæring', () => {
    for (const le of [FULL_LEGEERKLAERING, minimal()]) {
      const back = toLegeerklaering(toLegeerklaeringQuestionnaireResponse(le), { mottattTidspunkt: le.mottattTidspunkt });
      assert.deepEqual(back.issues, []);
      assert.deepEqual(back.legeerklaering, le);
    }
  });

  it('the example → model → QuestionnaireResponse keeps every answer', () => {
    const { legeerklaering, issues } = toLegeerklaering(EXAMPLE, refs);
    assert.deepEqual(issues, []);
    assert.deepEqual(legeerklaering, FULL_LEGEERKLAERING);
    assert.deepEqual(toLegeerklaeringQuestionnaireResponse(legeerklaering!, EXAMPLE_REFS), EXAMPLE);
  });

  it('the example answers our Questionnaire: known linkIds in place, answer types, codes, required items, enableWhen', () => {
    assert.ok(isLegeerklaeringQuestionnaire(EXAMPLE.questionnaire));
    assert.deepEqual(questionnaireProblems(EXAMPLE, QUESTIONNAIRE), []);
    const broken = clone(EXAMPLE);
    itemIn(broken.item, 'sykdomsopplysninger', 'yrkesskade-bor-vurderes').answer = [{ valueBoolean: false }];
    itemIn(broken.item, 'pasient').item.push({ linkId: 'pasient-skostorrelse', answer: [{ valueInteger: 38 }] });
    itemIn(broken.item, 'gjelder').answer = [{ valueString: 'AAP' }];
    assert.deepEqual(questionnaireProblems(broken, QUESTIONNAIRE), [
      'gjelder: a choice item takes valueCoding, not valueString',
      'pasient/pasient-skostorrelse: no such item here',
      'sykdomsopplysninger/yrkesskade-dato: answered, but not enabled',
    ]);
  });

  it('the example and the Questionnaire are valid by the server\'s validator', async () => {
    const validator = await getValidator();
    for (const resource of [EXAMPLE, QUESTIONNAIRE]) {
      const issues = validator.validate(resource);
      assert.ok(!hasErrors(issues), JSON.stringify(issues, null, 1));
    }
  });

  it('the committed Questionnaire is the one rendered from the item table (node --import tsx scripts/generate-questionnaires.ts)', () => {
    assert.deepEqual(QUESTIONNAIRE, renderLegeerklaeringQuestionnaire());
    assert.equal(QUESTIONNAIRE.status, 'active');
    assert.equal(QUESTIONNAIRE.url, 'https://helsebro.no/fhir/Questionnaire/legeerklaering');
  });

  it('has an item for every field of the model, and linkIds that are unique', () => {
    const paths = new Set<string>();
    const linkIds: string[] = [];
    const walk = (items: readonly LegeerklaeringItem[]) => items.forEach((i) => (linkIds.push(i.linkId), isGroup(i) ? walk(i.item) : paths.add(i.path)));
    walk(LEGEERKLAERING_ITEMS);
    assert.equal(new Set(linkIds).size, linkIds.length);
    // Outside the items: the message id (identifier), the time received (ours) and the signature time (authored).
    const outside = new Set(['msgId', 'mottattTidspunkt', 'signatur.dato']);
    const missing: string[] = [];
    const visit = (value: unknown, path: string) => {
      if (outside.has(path) || paths.has(path)) return;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
      else missing.push(path);
    };
    visit(FULL_LEGEERKLAERING, '');
    assert.deepEqual(missing, []);
    // The schema allows limitations on the measures or a reason why there are none, not both.
    const alternatives = new Set(['forslagTilTiltak.begrunnelseIkkeTiltak']);
    for (const p of [...paths].filter((q) => !alternatives.has(q))) assert.notEqual(p.split('.').reduce<any>((o, k) => o?.[k], FULL_LEGEERKLAERING), undefined, `the full example fills ${p}`);
  });

  it('names the item for each problem', () => {
    const problems = (change: (qr: any) => void) => {
      const qr = clone(EXAMPLE);
      change(qr);
      const r = toLegeerklaering(qr, refs);
      assert.equal(r.legeerklaering, undefined);
      return r.issues.map((i) => `${i.code} ${i.expression?.[0]}`);
    };
    assert.deepEqual(problems((qr) => { itemIn(qr.item, 'gjelder').answer = [{ valueCoding: { code: '2' } }]; }),
      ["code-invalid QuestionnaireResponse.item.where(linkId='gjelder')"]);
    assert.deepEqual(problems((qr) => { itemIn(qr.item, 'sykdomsopplysninger', 'hoveddiagnose').answer[0].valueCoding.system = 'urn:oid:2.16.578.1.12.4.1.1.7171'; }),
      ["code-invalid QuestionnaireResponse.item.where(linkId='sykdomsopplysninger').item.where(linkId='hoveddiagnose')"]);
    assert.deepEqual(problems((qr) => { itemIn(qr.item, 'sykdomsopplysninger', 'bidiagnose').answer[0].valueCoding.system = 'urn:oid:2.16.578.1.12.4.1.1.7110'; }),
      ["code-invalid QuestionnaireResponse.item.where(linkId='sykdomsopplysninger').item.where(linkId='bidiagnose')"]);
    assert.deepEqual(problems((qr) => { const s = itemIn(qr.item, 'sykdomsopplysninger'); s.item = s.item.filter((i: any) => i.linkId !== 'status-presens'); }),
      ["required QuestionnaireResponse.item.where(linkId='sykdomsopplysninger').item.where(linkId='status-presens')"]);
    assert.deepEqual(problems((qr) => { delete qr.authored; delete qr.identifier; }), ['required QuestionnaireResponse.authored', 'required QuestionnaireResponse.identifier']);
    assert.deepEqual(problems((qr) => { itemIn(qr.item, 'plan', 'henvist-utredning', 'henvist-utredning-ventetid-uker').answer = [{ valueString: 'seks' }]; }),
      ["value QuestionnaireResponse.item.where(linkId='plan').item.where(linkId='henvist-utredning').item.where(linkId='henvist-utredning-ventetid-uker')"]);
  });

  it('reads a withheld-content flag as the doctor answered it (true is "Ja")', () => {
    const qr = toLegeerklaeringQuestionnaireResponse({ ...minimal(), forbehold: { tilbakeholdInnhold: true, pasientenBurdeIkkeVite: 'prognosen' } } satisfies Legeerklaering);
    assert.deepEqual(toLegeerklaering(qr, refs).legeerklaering?.forbehold, { tilbakeholdInnhold: true, pasientenBurdeIkkeVite: 'prognosen' });
  });
});
