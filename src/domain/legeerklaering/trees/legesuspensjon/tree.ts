import { invalid, node, ok, type TreeDefinition } from '../../../rules/tree.ts';
import type { LegesuspensjonOutcome, LegesuspensjonRule } from './definitions.ts';

/** Tree 1, no legal reference (as the sykmelding's suspension tree; see ../juridisk.ts). */
export const legesuspensjonTree: TreeDefinition<LegesuspensjonRule, LegesuspensjonOutcome> = {
  name: 'LEGESUSPENSJON',
  title: 'Suspendert behandler',
  root: node('BEHANDLER_SUSPENDERT', invalid('BEHANDLER_SUSPENDERT'), ok()),
};
