/** The trees' shape, and the generated docs being up to date. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { collect, formatJuridisk, ftrl, invalid, lintTree, node, ok } from '../../../src/domain/rules/tree.ts';
import { OUTCOMES } from '../../../src/domain/sykmelding/outcomes.ts';
import { renderRuleDocs } from '../../../src/domain/rule-docs.ts';
import { TREES } from '../../../src/domain/sykmelding/trees/index.ts';

describe('rule trees', () => {
  for (const tree of TREES) {
    it(`${tree.name} has a sound shape, a function for every rule and a text for every outcome`, () => {
      assert.deepEqual(lintTree(tree.root, tree.juridisk), []);
      const { rules, outcomes } = collect(tree.root);
      for (const r of rules) assert.equal(typeof tree.rules[r], 'function', r);
      assert.deepEqual(Object.keys(tree.rules).sort(), [...rules].sort(), 'no unused rule functions');
      for (const o of outcomes) assert.ok(o in OUTCOMES, o);
    });
  }

  it('catches a rule that appears twice on one path, and a leaf without outcome', () => {
    const bad = { kind: 'node', rule: 'A', yes: { kind: 'node', rule: 'A', yes: { kind: 'leaf', status: 'OK' }, no: { kind: 'leaf', status: 'INVALID' } }, no: { kind: 'leaf', status: 'OK' } } as const;
    assert.equal(lintTree(bad as never).length, 2);
  });

  it('catches a leaf without the legal basis its tree declares, and one with a basis the tree does not declare', () => {
    const root = node('A', invalid('X', ftrl('8-4', 1)), node('B', invalid('Y', ftrl('8-4')), ok()));
    assert.deepEqual(lintTree(root, ftrl('8-4', 1)), [
      'INVALID leaf after A->B lacks the tree\'s legal basis ftrl. § 8-4 ledd 1',
      'OK leaf after A->B lacks the tree\'s legal basis ftrl. § 8-4 ledd 1',
    ]);
    assert.deepEqual(lintTree(root), [
      'INVALID leaf after A has a legal basis the tree does not declare',
      'INVALID leaf after A->B has a legal basis the tree does not declare',
    ]);
  });

  it('gives the legal basis NAV gives each tree (reference §4)', () => {
    const bases = Object.fromEntries(TREES.map((t) => [t.name, t.juridisk && formatJuridisk(t.juridisk)]));
    assert.deepEqual(bases, {
      SUSPENSJON: undefined, VALIDERING: undefined, PERIODER: undefined, HPR: 'ftrl. § 8-7 ledd 1', ARBEIDSUFORHET: 'ftrl. § 8-4 ledd 1',
      PASIENT_UNDER_13: 'ftrl. § 8-3 ledd 1', DATO: undefined, TILBAKEDATERING: 'ftrl. § 8-7',
    });
  });

  it('does not implement removed rules', () => {
    const all = new Set(TREES.flatMap((t) => [...collect(t.root).rules]));
    for (const removed of ['PASIENT_ELDRE_ENN_70', 'GRADERT_SYKMELDING_UNDER_20_PROSENT', 'SYKMELDING_MED_REISETILSKUDD', 'PASIENTEN_HAR_KODE_6']) assert.ok(!all.has(removed));
  });

  it('has committed docs that match the trees (run npm run rules:docs)', () => {
    for (const [name, content] of Object.entries(renderRuleDocs())) {
      assert.equal(readFileSync(new URL(`../../../docs/rules/${name}`, import.meta.url), 'utf8'), content, `docs/rules/${name} is stale`);
    }
  });
});
