/**
 * One legeerklæring tree case: run the whole sequence, then check the named tree's status, outcome,
 * path text and what its last rule read, that the sequence ended as that tree says, and that the
 * decisive tree carries the legal reference its definition declares.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { evaluateLegeerklaering, OUTCOMES, treeNamed, type LegeerklaeringRuleInput, type OutcomeName } from '../../../../src/domain/legeerklaering/index.ts';

export interface LegeerklaeringCase {
  name: string;
  input: LegeerklaeringRuleInput;
  status: 'OK' | 'INVALID';
  outcome?: OutcomeName;
  path: string;
  /** What the tree's last rule read. */
  inputs: Record<string, unknown>;
}

export function expectTree(treeName: string, c: LegeerklaeringCase): void {
  it(`${c.name} → ${c.status}${c.outcome ? ` ${c.outcome}` : ''}`, () => {
    const result = evaluateLegeerklaering(c.input);
    const ran = result.trees.find((t) => t.tree === treeName);
    assert.ok(ran, `${treeName} did not run: ${result.path}`);
    assert.equal(ran.pathText, c.path);
    assert.equal(ran.status, c.status);
    assert.equal(ran.outcome, c.outcome);
    assert.deepEqual(ran.path.at(-1)?.inputs, c.inputs);
    assert.equal(result.status, c.status, 'this tree decided the sequence');
    assert.deepEqual(result.ruleHits.map((h) => h.ruleName), c.outcome ? [c.outcome] : []);
    if (c.outcome) {
      assert.equal(result.ruleHits[0].messageForSender, OUTCOMES[c.outcome].behandler);
      assert.equal(result.ruleHits[0].messageForUser, OUTCOMES[c.outcome].pasient);
      assert.equal(result.ruleHits[0].tree, treeName);
    }
    assert.deepEqual(ran.juridisk, treeNamed(treeName).juridisk);
    assert.equal(result.evaluatedAt, c.input.now);
  });
}

/** `A(no)->B(no)->C(yes)->INVALID`: a linear tree where every rule before `hit` answered no. */
export function linearPath(order: readonly string[], hit?: string): string {
  const stop = hit === undefined ? order.length : order.indexOf(hit) + 1;
  assert.ok(stop > 0, `${hit} is not in the tree`);
  return [...order.slice(0, stop).map((r) => `${r}(${r === hit ? 'yes' : 'no'})`), hit ? 'INVALID' : 'OK'].join('->');
}
