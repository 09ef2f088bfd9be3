import { invalid, node, ok, type RuleTree } from '../../rules/tree.ts';
import type { OutcomeName } from '../outcomes.ts';
import type { RulePayload } from '../payload.ts';

type Rule = 'BEHANDLER_SUSPENDERT';

export const suspensjonTree: RuleTree<Rule, OutcomeName, RulePayload> = {
  name: 'SUSPENSJON',
  title: 'Suspendert behandler',
  root: node('BEHANDLER_SUSPENDERT', invalid('BEHANDLER_SUSPENDERT'), ok()),
  rules: {
    BEHANDLER_SUSPENDERT: (p) => ({ result: p.context.behandler.suspendert, inputs: { suspendert: p.context.behandler.suspendert } }),
  },
};
