/**
 * Rule trees as data. A tree is nested yes/no nodes named by rule ids; its leaves are OK,
 * MANUAL_PROCESSING or INVALID, each INVALID/MANUAL leaf naming the outcome reported to the doctor
 * and the patient. Rules are plain functions that return their answer and the inputs they read, so
 * an evaluation yields a readable path (`A(yes)->B(no)->OK`) and the facts behind it.
 */
export type RuleStatus = 'OK' | 'MANUAL_PROCESSING' | 'INVALID';

/** The legal basis a tree's leaves rest on, e.g. ftrl. § 8-7 first paragraph. */
export interface Juridisk {
  lov: 'Folketrygdloven';
  paragraf: string;
  ledd?: number;
}

export interface Leaf<O extends string> {
  kind: 'leaf';
  status: RuleStatus;
  outcome?: O;
}

export interface RuleNode<R extends string, O extends string> {
  kind: 'node';
  rule: R;
  yes: TreeNode<R, O>;
  no: TreeNode<R, O>;
}

export type TreeNode<R extends string, O extends string> = Leaf<O> | RuleNode<R, O>;

export const ok = <O extends string>(): Leaf<O> => ({ kind: 'leaf', status: 'OK' });
export const invalid = <O extends string>(outcome: O): Leaf<O> => ({ kind: 'leaf', status: 'INVALID', outcome });
export const manual = <O extends string>(outcome: O): Leaf<O> => ({ kind: 'leaf', status: 'MANUAL_PROCESSING', outcome });
export const node = <R extends string, O extends string>(rule: R, yes: TreeNode<R, O>, no: TreeNode<R, O>): RuleNode<R, O> => ({ kind: 'node', rule, yes, no });

export interface RuleAnswer {
  result: boolean;
  /** The facts the rule looked at, recorded for the path and for caseworkers. */
  inputs: Record<string, unknown>;
}

/** One function per rule id: a missing rule is a type error. */
export type RuleFunctions<R extends string, P> = Record<R, (payload: P) => RuleAnswer>;

export interface RuleTree<R extends string, O extends string, P> {
  name: string;
  title: string;
  juridisk?: Juridisk;
  root: TreeNode<R, O>;
  rules: RuleFunctions<R, P>;
}

export interface PathStep {
  rule: string;
  result: boolean;
}

export interface TreeResult {
  tree: string;
  status: RuleStatus;
  /** The outcome of a MANUAL_PROCESSING or INVALID leaf. */
  outcome?: string;
  path: PathStep[];
  inputs: Record<string, unknown>;
  juridisk?: Juridisk;
}

export function evaluateTree<R extends string, O extends string, P>(tree: RuleTree<R, O, P>, payload: P): TreeResult {
  const path: PathStep[] = [];
  const inputs: Record<string, unknown> = {};
  let current: TreeNode<R, O> = tree.root;
  while (current.kind === 'node') {
    const answer = tree.rules[current.rule](payload);
    path.push({ rule: current.rule, result: answer.result });
    Object.assign(inputs, answer.inputs);
    current = answer.result ? current.yes : current.no;
  }
  return { tree: tree.name, status: current.status, outcome: current.outcome, path, inputs, juridisk: tree.juridisk };
}

/** `A(yes)->B(no)->INVALID` */
export function formatPath(result: TreeResult): string {
  let text = '';
  for (const s of result.path) text += `${s.rule}(${s.result ? 'yes' : 'no'})->`;
  return text + result.status;
}

/** Every rule id in a tree, and every outcome, for linting and docs. */
export function collect<R extends string, O extends string>(root: TreeNode<R, O>): { rules: Set<R>; outcomes: Set<O> } {
  const rules = new Set<R>();
  const outcomes = new Set<O>();
  const walk = (n: TreeNode<R, O>) => {
    if (n.kind === 'leaf') {
      if (n.outcome) outcomes.add(n.outcome);
      return;
    }
    rules.add(n.rule);
    walk(n.yes);
    walk(n.no);
  };
  walk(root);
  return { rules, outcomes };
}

/**
 * Shape checks: no rule appears twice on one path (it would always answer the same), OK leaves
 * carry no outcome, non-OK leaves carry one. Returns the problems found.
 */
export function lintTree<R extends string, O extends string>(root: TreeNode<R, O>): string[] {
  const problems: string[] = [];
  const walk = (n: TreeNode<R, O>, seen: R[]) => {
    if (n.kind === 'leaf') {
      if (n.status === 'OK' && n.outcome) problems.push(`OK leaf after ${seen.join('->')} has an outcome`);
      if (n.status !== 'OK' && !n.outcome) problems.push(`${n.status} leaf after ${seen.join('->')} has no outcome`);
      return;
    }
    if (seen.includes(n.rule)) problems.push(`${n.rule} appears twice on the path ${seen.join('->')}`);
    walk(n.yes, [...seen, n.rule]);
    walk(n.no, [...seen, n.rule]);
  };
  walk(root, []);
  return problems;
}
