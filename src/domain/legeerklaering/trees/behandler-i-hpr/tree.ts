import { invalid, node, ok, type TreeDefinition } from '../../../rules/tree.ts';
import { HPR_JURIDISK } from '../juridisk.ts';
import type { BehandlerIHprOutcome, BehandlerIHprRule } from './definitions.ts';

/** The pre-check NAV runs before the trees; a tree of one rule here, so it reports a path like the rest. */
export const behandlerIHprTree: TreeDefinition<BehandlerIHprRule, BehandlerIHprOutcome> = {
  name: 'BEHANDLER_I_HPR',
  title: 'Behandler finnes i HPR',
  juridisk: HPR_JURIDISK,
  root: node('BEHANDLER_NOT_IN_HPR', invalid('BEHANDLER_NOT_IN_HPR', HPR_JURIDISK), ok(HPR_JURIDISK)),
};
