import { evaluateTree, type RuleFunctions, type TreeDefinition, type TreeResult } from '../../rules/tree.ts';
import type { RulePayload } from '../payload.ts';

/**
 * One of the sykmelding trees as the sequence runs it: its shape, its rule functions, and the
 * projection of its own small payload from the shared one (rules read only that payload).
 */
export interface SykmeldingTree extends TreeDefinition<string, string> {
  rules: Readonly<Record<string, unknown>>;
  evaluate(shared: RulePayload): TreeResult;
}

export function sykmeldingTree<R extends string, O extends string, P>(
  definition: TreeDefinition<R, O>,
  rules: RuleFunctions<R, P>,
  toPayload: (shared: RulePayload) => P,
): SykmeldingTree {
  const tree = { ...definition, rules };
  return { ...tree, evaluate: (shared) => evaluateTree(tree, toPayload(shared)) };
}
