/**
 * `evaluateLegeerklaering(input)`: NAV's legeerklæring rules in their fixed order (the HPR
 * pre-check, Legesuspensjon, HPR, Validering), stopping at the first tree that is not OK. The
 * statuses are OK or INVALID only: a legeerklæring is never sent to manual processing. Pure.
 */
import type { Message } from '../rules/message.ts';
import { joinPaths, runSequence } from '../rules/sequence.ts';
import type { TreeResult } from '../rules/tree.ts';
import { OUTCOMES, type OutcomeName } from './outcomes.ts';
import type { LegeerklaeringRuleInput } from './payload.ts';
import { TREES } from './trees/index.ts';

export interface LegeerklaeringRuleHit {
  /** NAV's rule name, e.g. `BEHANDLER_SUSPENDERT`. */
  ruleName: OutcomeName;
  status: 'INVALID';
  /** For the doctor who wrote it. */
  messageForSender: Message;
  /** For the patient. */
  messageForUser: Message;
  tree: string;
}

export interface LegeerklaeringRuleResult {
  status: 'OK' | 'INVALID';
  /** The one outcome reported (empty when OK). */
  ruleHits: LegeerklaeringRuleHit[];
  /** Every tree that ran, in order; the last one decided unless all were OK. */
  trees: TreeResult[];
  /** All trees' paths joined: `BEHANDLER_NOT_IN_HPR(no)->OK | BEHANDLER_SUSPENDERT(yes)->INVALID`. */
  path: string;
  /** What every rule that ran read, together. */
  inputs: Record<string, unknown>;
  /** When the rules ran (the input's `now`). */
  evaluatedAt: string;
}

export function evaluateLegeerklaering(input: LegeerklaeringRuleInput): LegeerklaeringRuleResult {
  const { results, decisive } = runSequence(TREES, (tree) => tree.evaluate(input));
  const ruleHits: LegeerklaeringRuleHit[] = [];
  if (decisive?.outcome) {
    const ruleName = decisive.outcome as OutcomeName;
    const def = OUTCOMES[ruleName];
    ruleHits.push({ ruleName, status: def.status, messageForSender: def.behandler, messageForUser: def.pasient, tree: decisive.tree });
  }
  const inputs: Record<string, unknown> = {};
  for (const r of results) Object.assign(inputs, r.inputs);
  return { status: decisive ? 'INVALID' : 'OK', ruleHits, trees: results, path: joinPaths(results), inputs, evaluatedAt: input.now };
}
