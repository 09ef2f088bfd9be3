/**
 * Rule trees as data. A tree is nested yes/no nodes named by rule ids; its leaves are OK,
 * MANUAL_PROCESSING or INVALID, each INVALID/MANUAL leaf naming the outcome reported to the doctor
 * and the patient, and each leaf of a tree with a legal basis carrying that legal reference. Rules
 * are plain functions that return their answer and the inputs they read, so an evaluation yields a
 * readable path (`A(yes)->B(no)->OK`) and the facts behind every step.
 */
export type RuleStatus = 'OK' | 'MANUAL_PROCESSING' | 'INVALID';

/** The legal basis a leaf rests on, e.g. ftrl. § 8-7 first paragraph (ledd). */
interface Juridisk {
  lov: 'Folketrygdloven';
  paragraf: string;
  ledd?: number;
}

/** Folketrygdloven § `paragraf`, optionally one ledd of it. */
export const ftrl = (paragraf: string, ledd?: number): Juridisk => (ledd === undefined ? { lov: 'Folketrygdloven', paragraf } : { lov: 'Folketrygdloven', paragraf, ledd });

/** `ftrl. § 8-7 ledd 1` */
export function formatJuridisk(juridisk: Juridisk): string {
  return `ftrl. § ${juridisk.paragraf}${juridisk.ledd ? ` ledd ${juridisk.ledd}` : ''}`;
}

/** Whether the legal conditions are met, as NAV publishes it for each tree with a legal basis. */
export type JuridiskVurdering = 'VILKAR_OPPFYLT' | 'VILKAR_IKKE_OPPFYLT' | 'VILKAR_UAVKLART';

const VURDERING: Record<RuleStatus, JuridiskVurdering> = {
  OK: 'VILKAR_OPPFYLT',
  INVALID: 'VILKAR_IKKE_OPPFYLT',
  MANUAL_PROCESSING: 'VILKAR_UAVKLART',
};

const juridiskVurdering = (status: RuleStatus): JuridiskVurdering => VURDERING[status];

export interface Leaf<O extends string> {
  kind: 'leaf';
  status: RuleStatus;
  outcome?: O;
  juridisk?: Juridisk;
}

interface RuleNode<R extends string, O extends string> {
  kind: 'node';
  rule: R;
  yes: TreeNode<R, O>;
  no: TreeNode<R, O>;
}

export type TreeNode<R extends string, O extends string> = Leaf<O> | RuleNode<R, O>;

const leaf = <O extends string>(status: RuleStatus, outcome?: O, juridisk?: Juridisk): Leaf<O> => ({
  kind: 'leaf', status, ...(outcome ? { outcome } : {}), ...(juridisk ? { juridisk } : {}),
});

export const ok = <O extends string>(juridisk?: Juridisk): Leaf<O> => leaf<O>('OK', undefined, juridisk);
export const invalid = <O extends string>(outcome: O, juridisk?: Juridisk): Leaf<O> => leaf('INVALID', outcome, juridisk);
export const manual = <O extends string>(outcome: O, juridisk?: Juridisk): Leaf<O> => leaf('MANUAL_PROCESSING', outcome, juridisk);
export const node = <R extends string, O extends string>(rule: R, yes: TreeNode<R, O>, no: TreeNode<R, O>): RuleNode<R, O> => ({ kind: 'node', rule, yes, no });

interface RuleAnswer {
  result: boolean;
  /** The facts the rule looked at, recorded for the path and for caseworkers. */
  inputs: Record<string, unknown>;
}

/** One function per rule id: a missing rule is a type error. */
export type RuleFunctions<R extends string, P> = Record<R, (payload: P) => RuleAnswer>;

/** A tree's shape: its name, the legal basis it declares, and its nodes. */
export interface TreeDefinition<R extends string, O extends string> {
  name: string;
  title: string;
  /** Declared legal basis; the linter checks that every leaf carries it. */
  juridisk?: Juridisk;
  root: TreeNode<R, O>;
}

interface RuleTree<R extends string, O extends string, P> extends TreeDefinition<R, O> {
  rules: RuleFunctions<R, P>;
}

interface PathStep {
  rule: string;
  result: boolean;
  /** What this rule read. */
  inputs: Record<string, unknown>;
}

export interface TreeResult {
  tree: string;
  status: RuleStatus;
  /** The outcome of a MANUAL_PROCESSING or INVALID leaf. */
  outcome?: string;
  path: PathStep[];
  /** `A(yes)->B(no)->OK` */
  pathText: string;
  /** Every step's inputs together. */
  inputs: Record<string, unknown>;
  /** The decisive leaf's legal reference, and the vurdering its status gives (trees with a legal basis only). */
  juridisk?: Juridisk;
  juridiskVurdering?: JuridiskVurdering;
}

export function evaluateTree<R extends string, O extends string, P>(tree: RuleTree<R, O, P>, payload: P): TreeResult {
  const path: PathStep[] = [];
  const inputs: Record<string, unknown> = {};
  let current: TreeNode<R, O> = tree.root;
  while (current.kind === 'node') {
    const answer = tree.rules[current.rule](payload);
    path.push({ rule: current.rule, result: answer.result, inputs: answer.inputs });
    Object.assign(inputs, answer.inputs);
    current = answer.result ? current.yes : current.no;
  }
  const { status, outcome, juridisk } = current;
  const pathText = formatPath({ path, status });
  return juridisk
    ? { tree: tree.name, status, outcome, path, pathText, inputs, juridisk, juridiskVurdering: juridiskVurdering(status) }
    : { tree: tree.name, status, outcome, path, pathText, inputs };
}

/** A copy of a result with another status; the path text and the juridisk vurdering follow it. */
export function withStatus<T extends TreeResult>(result: T, status: RuleStatus): T {
  const copy = { ...result, status, pathText: formatPath({ path: result.path, status }) };
  if (copy.juridisk) copy.juridiskVurdering = juridiskVurdering(status);
  return copy;
}

/** `A(yes)->B(no)->INVALID` */
function formatPath(result: Pick<TreeResult, 'path' | 'status'>): string {
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

const sameJuridisk = (a?: Juridisk, b?: Juridisk) => a?.lov === b?.lov && a?.paragraf === b?.paragraf && a?.ledd === b?.ledd;

/** What is wrong with one leaf, reached by `seen`, in a tree declaring `juridisk`. */
function leafProblems<O extends string>(n: Leaf<O>, seen: string, juridisk?: Juridisk): string[] {
  const problems: string[] = [];
  if (n.status === 'OK' && n.outcome) problems.push(`OK leaf after ${seen} has an outcome`);
  if (n.status !== 'OK' && !n.outcome) problems.push(`${n.status} leaf after ${seen} has no outcome`);
  if (juridisk && !sameJuridisk(n.juridisk, juridisk)) problems.push(`${n.status} leaf after ${seen} lacks the tree's legal basis ${formatJuridisk(juridisk)}`);
  if (!juridisk && n.juridisk) problems.push(`${n.status} leaf after ${seen} has a legal basis the tree does not declare`);
  return problems;
}

/**
 * Shape checks: no rule appears twice on one path (it would always answer the same), OK leaves
 * carry no outcome, non-OK leaves carry one, and every leaf carries the legal basis the tree
 * declares (and none when it declares none). Returns the problems found.
 */
export function lintTree<R extends string, O extends string>(root: TreeNode<R, O>, juridisk?: Juridisk): string[] {
  const problems: string[] = [];
  const walk = (n: TreeNode<R, O>, seen: R[]) => {
    if (n.kind === 'leaf') {
      problems.push(...leafProblems(n, seen.join('->'), juridisk));
      return;
    }
    if (seen.includes(n.rule)) problems.push(`${n.rule} appears twice on the path ${seen.join('->')}`);
    walk(n.yes, [...seen, n.rule]);
    walk(n.no, [...seen, n.rule]);
  };
  walk(root, []);
  return problems;
}
