import { node, ok, type Leaf, type TreeNode } from './tree.ts';

/** A linear tree: each rule's yes-branch is its leaf, its no-branch the next rule; the end is OK. */
export function chain<R extends string, O extends string>(steps: Array<[R, Leaf<O>]>, end: TreeNode<R, O> = ok()): TreeNode<R, O> {
  return steps.reduceRight<TreeNode<R, O>>((next, [rule, leaf]) => node(rule, leaf, next), end);
}
