import { bindTree, type BoundTree } from '../../rules/sequence.ts';
import type { RuleFunctions, TreeDefinition } from '../../rules/tree.ts';
import type { RulePayload } from '../payload.ts';

/** One of the sykmelding trees as the sequence runs it, reading its payload from the shared one. */
export type SykmeldingTree = BoundTree<RulePayload>;

export const sykmeldingTree = <R extends string, O extends string, P>(
  definition: TreeDefinition<R, O>,
  rules: RuleFunctions<R, P>,
  toPayload: (shared: RulePayload) => P,
): SykmeldingTree => bindTree(definition, rules, toPayload);
