/**
 * The rule sequence: evaluation order, the short-circuit, paper mode and routing after the rules.
 * Each rule at its threshold is tested in its tree's own file, test/domain/sykmelding/trees/.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TreeResult } from '../../../src/domain/rules/tree.ts';
import { asPapirsykmelding, evaluate, routedStatus } from '../../../src/domain/sykmelding/index.ts';
import { addDays, context, sykmelding } from './builders.ts';

const S = '2026-11-23';
const period = (fom: string, tom: string) => ({ fom, tom, type: 'AKTIVITET_IKKE_MULIG' as const });

describe('sykmelding rules', () => {
  describe('evaluation order and modes', () => {
    it('stops at the first tree that is not OK', () => {
      const r = evaluate(sykmelding({ perioder: [] }), context({ behandler: { suspendert: false, finnesIHpr: false, godkjenninger: [] } }));
      assert.deepEqual(r.trees.map((t) => t.tree), ['SUSPENSJON', 'VALIDERING', 'PERIODER']);
      assert.equal(r.ruleHits.length, 1);
    });

    it('runs all eight trees in NAV order when everything is OK', () => {
      const r = evaluate(sykmelding(), context());
      assert.deepEqual(r.trees.map((t) => t.tree), ['SUSPENSJON', 'VALIDERING', 'PERIODER', 'HPR', 'ARBEIDSUFORHET', 'PASIENT_UNDER_13', 'DATO', 'TILBAKEDATERING']);
      assert.equal(r.trees[3].juridisk?.paragraf, '8-7');
      assert.equal(r.path.split(' | ').length, 8);
    });

    it('paper mode turns INVALID into MANUAL_PROCESSING with the same rule', () => {
      const normal = evaluate(sykmelding({ perioder: [period(addDays(S, -5), addDays(S, 8))] }), context());
      const paper = evaluate(sykmelding({ perioder: [period(addDays(S, -5), addDays(S, 8))] }), context({ mode: 'PAPIR' }));
      assert.equal(normal.status, 'INVALID');
      assert.equal(paper.status, 'MANUAL_PROCESSING');
      assert.equal(paper.ruleHits[0].ruleName, normal.ruleHits[0].ruleName);
      assert.equal(paper.ruleHits[0].status, 'MANUAL_PROCESSING');
      assert.equal(paper.trees.at(-1)!.juridiskVurdering, 'VILKAR_UAVKLART');
      assert.equal(normal.trees.at(-1)!.juridiskVurdering, 'VILKAR_IKKE_OPPFYLT');
    });

    it('gives each tree with a legal basis its decisive leaf\'s reference and vurdering', () => {
      const r = evaluate(sykmelding({ perioder: [period(addDays(S, -5), addDays(S, 8))] }), context());
      const vurderinger = r.trees.map((t) => [t.tree, t.juridisk && `${t.juridisk.paragraf}${t.juridisk.ledd ? `(${t.juridisk.ledd})` : ''}`, t.juridiskVurdering]);
      assert.deepEqual(vurderinger, [
        ['SUSPENSJON', undefined, undefined], ['VALIDERING', undefined, undefined], ['PERIODER', undefined, undefined],
        ['HPR', '8-7(1)', 'VILKAR_OPPFYLT'], ['ARBEIDSUFORHET', '8-4(1)', 'VILKAR_OPPFYLT'], ['PASIENT_UNDER_13', '8-3(1)', 'VILKAR_OPPFYLT'],
        ['DATO', undefined, undefined], ['TILBAKEDATERING', '8-7', 'VILKAR_IKKE_OPPFYLT'],
      ]);
    });

    it('records the path and the inputs the rules read', () => {
      const r = evaluate(sykmelding({ perioder: [period(addDays(S, -6), addDays(S, 8))] }), context());
      const tree = r.trees.at(-1)!;
      assert.equal(tree.pathText, 'TILBAKEDATERING(yes)->SPESIALISTHELSETJENESTEN(no)->ETTERSENDING(no)->TILBAKEDATERT_INNTIL_4_DAGER(no)->TILBAKEDATERT_INNTIL_8_DAGER(yes)->BEGRUNNELSE_MIN_1_ORD(no)->FORLENGELSE(no)->INVALID');
      assert.equal(tree.inputs.dagerTilbake, 6);
      assert.equal(r.facts.forlengelse, false);
    });
  });

  describe('routing after the rules (reference §1, §7.3)', () => {
    const refused: TreeResult = Object.freeze({
      tree: 'TILBAKEDATERING', status: 'INVALID', outcome: 'INNTIL_8_DAGER', path: Object.freeze([Object.freeze({ rule: 'TILBAKEDATERING', result: true, inputs: {} })]) as never,
      pathText: 'TILBAKEDATERING(yes)->INVALID', inputs: Object.freeze({}),
      juridisk: Object.freeze({ lov: 'Folketrygdloven', paragraf: '8-7' }) as never, juridiskVurdering: 'VILKAR_IKKE_OPPFYLT',
    });

    it('paper mode reports a refusal as manual processing in a copy, leaving the tree\'s result as it was', () => {
      const paper = asPapirsykmelding(refused);
      assert.notEqual(paper, refused);
      assert.deepEqual(
        { status: paper.status, outcome: paper.outcome, pathText: paper.pathText, juridiskVurdering: paper.juridiskVurdering },
        { status: 'MANUAL_PROCESSING', outcome: 'INNTIL_8_DAGER', pathText: 'TILBAKEDATERING(yes)->MANUAL_PROCESSING', juridiskVurdering: 'VILKAR_UAVKLART' },
      );
      assert.equal(refused.status, 'INVALID');
      assert.equal(refused.pathText, 'TILBAKEDATERING(yes)->INVALID');
      assert.equal(refused.juridiskVurdering, 'VILKAR_IKKE_OPPFYLT');
      assert.equal(asPapirsykmelding({ ...refused, status: 'OK', outcome: undefined }).status, 'OK');
      assert.equal(asPapirsykmelding({ ...refused, status: 'MANUAL_PROCESSING' }).status, 'MANUAL_PROCESSING');
    });

    it('publishes OK and MANUAL_PROCESSING as OK and rejects INVALID, except with treatment days', () => {
      const plain = { perioder: [{ type: 'AKTIVITET_IKKE_MULIG' as const }] };
      const withTreatmentDays = { perioder: [{ type: 'AKTIVITET_IKKE_MULIG' as const }, { type: 'BEHANDLINGSDAGER' as const }] };
      assert.deepEqual((['OK', 'MANUAL_PROCESSING', 'INVALID'] as const).map((s) => routedStatus(s, plain)), ['OK', 'OK', 'INVALID']);
      assert.deepEqual((['OK', 'MANUAL_PROCESSING', 'INVALID'] as const).map((s) => routedStatus(s, withTreatmentDays)), ['OK', 'OK', 'OK']);
    });
  });
});
