/** The legeerklæring trees' shape: sound trees, a function per rule, a text per outcome, OK/INVALID only. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collect, formatJuridisk, lintTree } from '../../../../src/domain/rules/tree.ts';
import { OUTCOMES, TREES } from '../../../../src/domain/legeerklaering/index.ts';

describe('legeerklæring rule trees', () => {
  for (const tree of TREES) {
    it(`${tree.name} has a sound shape, a function for every rule and texts for every outcome`, () => {
      assert.deepEqual(lintTree(tree.root, tree.juridisk), []);
      const { rules, outcomes } = collect(tree.root);
      assert.deepEqual(Object.keys(tree.rules).sort(), [...rules].sort());
      for (const o of outcomes) {
        const def = OUTCOMES[o as keyof typeof OUTCOMES];
        assert.ok(def, o);
        assert.equal(def.status, 'INVALID');
        for (const m of [def.behandler, def.pasient]) assert.ok(m.nb.length > 20 && m.en.length > 20, o);
      }
    });
  }

  it('runs the pre-check, then Legesuspensjon → HPR → Validering', () => {
    assert.deepEqual(TREES.map((t) => t.name), ['BEHANDLER_I_HPR', 'LEGESUSPENSJON', 'HPR', 'VALIDERING']);
  });

  it('cites ftrl. § 21-4 on the HPR checks and nothing on suspension and validation', () => {
    assert.deepEqual(Object.fromEntries(TREES.map((t) => [t.name, t.juridisk && formatJuridisk(t.juridisk)])), {
      BEHANDLER_I_HPR: 'ftrl. § 21-4', LEGESUSPENSJON: undefined, HPR: 'ftrl. § 21-4', VALIDERING: undefined,
    });
  });

  it('has no rule only the sykmelding has (extra competence, 12 weeks)', () => {
    const all = new Set(TREES.flatMap((t) => [...collect(t.root).rules]));
    for (const r of ['SYKEFRAVAR_OVER_12_UKER', 'BEHANDLER_ER_FT_MED_TILLEGSKOMPETANSE_I_HPR']) assert.ok(!all.has(r));
  });
});
