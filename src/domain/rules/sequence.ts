import { evaluateTree, type RuleFunctions, type TreeDefinition, type TreeResult } from './tree.ts';

/**
 * A tree as a sequence runs it: its shape, its rule functions, and the projection of its own small
 * payload from the payload the sequence shares (rules read only their own payload).
 */
export interface BoundTree<Shared> extends TreeDefinition<string, string> {
  rules: Readonly<Record<string, unknown>>;
  evaluate(shared: Shared): TreeResult;
}

export function bindTree<Shared, R extends string, O extends string, P>(
  definition: TreeDefinition<R, O>,
  rules: RuleFunctions<R, P>,
  toPayload: (shared: Shared) => P,
): BoundTree<Shared> {
  const tree = { ...definition, rules };
  return { ...tree, evaluate: (shared) => evaluateTree(tree, toPayload(shared)) };
}

/** A tree of a sequence by its name (`HPR`, `VALIDERING`, …). */
export function findTree<T extends { name: string }>(trees: ReadonlyArray<T>, name: string): T {
  const tree = trees.find((t) => t.name === name);
  if (!tree) throw new Error(`No rule tree named ${name}`);
  return tree;
}

/** All trees' paths joined, for logs and receipts: `A(no)->OK | B(yes)->INVALID`. */
export function joinPaths(results: ReadonlyArray<Pick<TreeResult, 'pathText'>>): string {
  return results.map((r) => r.pathText).join(' | ');
}

/** Runs the trees in order and stops at the first one that is not OK, which then decides. */
export function runSequence<T>(trees: ReadonlyArray<T>, run: (tree: T) => TreeResult): { results: TreeResult[]; decisive?: TreeResult } {
  const results: TreeResult[] = [];
  for (const tree of trees) {
    const result = run(tree);
    results.push(result);
    if (result.status !== 'OK') return { results, decisive: result };
  }
  return { results };
}
