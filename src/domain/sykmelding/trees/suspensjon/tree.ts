import { invalid, node, ok, type TreeDefinition } from '../../../rules/tree.ts';
import type { SuspensjonOutcome, SuspensjonRule } from './definitions.ts';

/** Tree 0, no legal reference. */
export const suspensjonTree: TreeDefinition<SuspensjonRule, SuspensjonOutcome> = {
  name: 'SUSPENSJON',
  title: 'Suspendert behandler',
  root: node('BEHANDLER_SUSPENDERT', invalid('BEHANDLER_SUSPENDERT'), ok()),
};
