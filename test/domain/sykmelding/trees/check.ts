/**
 * Table-driven tree tests: each case runs the whole rule sequence on a sykmelding built from the
 * valid defaults, then checks the named tree's status, outcome, path text and what its last rule
 * read, and that the sequence as a whole ended as that tree says (it decided, or all were OK).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JuridiskVurdering, RuleStatus } from '../../../../src/domain/rules/tree.ts';
import { evaluate, OUTCOMES, type OutcomeName, type RuleContext, type Sykmelding, type TreeOutcome } from '../../../../src/domain/sykmelding/index.ts';
import { treeNamed } from '../../../../src/domain/sykmelding/trees/index.ts';
import { context, sykmelding } from '../builders.ts';

export interface TreeCase {
  name: string;
  sm?: Partial<Sykmelding>;
  ctx?: Partial<RuleContext>;
  date?: string;
  status: RuleStatus;
  outcome?: string;
  /** `A(yes)->B(no)->INVALID` */
  path: string;
  /** What the last rule on the path read. */
  inputs: Record<string, unknown>;
}

const VURDERING: Record<RuleStatus, JuridiskVurdering> = { OK: 'VILKAR_OPPFYLT', INVALID: 'VILKAR_IKKE_OPPFYLT', MANUAL_PROCESSING: 'VILKAR_UAVKLART' };

export function runTree(tree: string, c: Pick<TreeCase, 'sm' | 'ctx' | 'date'>): { tree: TreeOutcome; result: ReturnType<typeof evaluate> } {
  const date = c.date ?? '2026-11-23';
  const result = evaluate(sykmelding(c.sm, date), context(c.ctx, date));
  const ran = result.trees.find((t) => t.tree === tree);
  assert.ok(ran, `${tree} did not run: ${result.path}`);
  return { tree: ran, result };
}

export function checkCase(treeName: string, c: TreeCase): void {
  const { tree, result } = runTree(treeName, c);
  assert.equal(tree.pathText, c.path);
  assert.equal(tree.status, c.status);
  assert.equal(tree.outcome, c.outcome);
  assert.deepEqual(tree.path.at(-1)?.inputs, c.inputs);
  assert.equal(result.status, c.status, 'the tree decided the sequence');
  assert.equal(result.ruleHits[0]?.ruleName, c.outcome);
  if (c.outcome) {
    const def = OUTCOMES[c.outcome as OutcomeName];
    assert.ok(def.sykmelder.nb.length > 10 && def.sykmeldt.en.length > 10 && result.ruleHits[0].messageForSender === def.sykmelder);
  }
  const declared = treeNamed(treeName).juridisk;
  assert.deepEqual(tree.juridisk, declared);
  assert.equal(tree.juridiskVurdering, declared ? VURDERING[c.status] : undefined);
}

export function describeTree(treeName: string, groups: Record<string, TreeCase[]>): void {
  describe(`tree ${treeName}`, () => {
    for (const [group, cases] of Object.entries(groups)) {
      describe(group, () => {
        for (const c of cases) it(`${c.name} → ${c.status}${c.outcome ? ` ${c.outcome}` : ''}`, () => checkCase(treeName, c));
      });
    }
  });
}

/**
 * The path through a linear tree (each rule's yes-branch a leaf): every rule before `hit` answered
 * no, `hit` answered yes; without a hit every rule answered no and the tree ended OK.
 */
export function chainPath(order: readonly string[], hit: string | undefined, status: RuleStatus): string {
  const until = hit === undefined ? order.length : order.indexOf(hit);
  assert.ok(until >= 0, `${hit} is not in the chain`);
  const steps = order.slice(0, until).map((r) => `${r}(no)`);
  if (hit !== undefined) steps.push(`${hit}(yes)`);
  return [...steps, status].join('->');
}
