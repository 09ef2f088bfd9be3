/**
 * `evaluate(sykmelding, context)`: NAV's rule trees in their fixed order, stopping at the first
 * tree that is not OK. Paper mode is a step after each tree (`routing.ts`): an INVALID result is
 * reported as MANUAL_PROCESSING with the same outcome. Pure: the evaluation date is in the context.
 */
import { joinPaths, runSequence } from '../rules/sequence.ts';
import type { RuleStatus, TreeResult } from '../rules/tree.ts';
import type { RuleContext } from './context.ts';
import { fromDay } from '../rules/dates.ts';
import type { Sykmelding } from './model.ts';
import { OUTCOMES, type Message, type OutcomeName } from './outcomes.ts';
import { RulePayload } from './payload.ts';
import { asPapirsykmelding } from './routing.ts';
import { TREES, type SykmeldingTree } from './trees/index.ts';

interface RuleHit {
  /** NAV's rule outcome name, e.g. `INNTIL_8_DAGER`. */
  ruleName: string;
  status: Exclude<RuleStatus, 'OK'>;
  /** For the doctor (sykmelder). */
  messageForSender: Message;
  /** For the patient (sykmeldt). */
  messageForUser: Message;
  tree: string;
}

export type TreeOutcome = TreeResult;

export interface RuleResult {
  status: RuleStatus;
  /** The one outcome reported (empty when OK). */
  ruleHits: RuleHit[];
  /** Every tree that ran, in order; the last one decided unless all were OK. */
  trees: TreeOutcome[];
  /** All trees' paths joined, for logs and receipts. */
  path: string;
  /** Derived facts, when the trees needed them. */
  facts: { syketilfelleStartdato?: string; ettersending?: boolean; forlengelse?: boolean; arbeidsgiverperiode?: boolean };
}

export function evaluate(sykmelding: Sykmelding, context: RuleContext): RuleResult {
  const payload = new RulePayload(sykmelding, context);
  const { results: trees, decisive } = runSequence(TREES, (tree) => evaluateWithMode(tree, payload, context.mode));
  const ruleHits: RuleHit[] = [];
  if (decisive?.outcome) {
    const def = OUTCOMES[decisive.outcome as OutcomeName];
    ruleHits.push({ ruleName: decisive.outcome, status: decisive.status as RuleHit['status'], messageForSender: def.sykmelder, messageForUser: def.sykmeldt, tree: decisive.tree });
  }
  const computed = payload.computedFacts();
  const facts: RuleResult['facts'] = {};
  if (computed.syketilfelleStartdato !== undefined) facts.syketilfelleStartdato = fromDay(computed.syketilfelleStartdato);
  if (computed.ettersending !== undefined) facts.ettersending = computed.ettersending;
  if (computed.forlengelse !== undefined) facts.forlengelse = computed.forlengelse;
  if (computed.arbeidsgiverperiode !== undefined) facts.arbeidsgiverperiode = computed.arbeidsgiverperiode;
  return { status: decisive?.status ?? 'OK', ruleHits, trees, path: joinPaths(trees), facts };
}

function evaluateWithMode(tree: SykmeldingTree, payload: RulePayload, mode: RuleContext['mode']): TreeOutcome {
  const result = tree.evaluate(payload);
  return mode === 'PAPIR' ? asPapirsykmelding(result) : result;
}
