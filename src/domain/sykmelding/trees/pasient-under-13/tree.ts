import { ftrl, invalid, node, ok, type TreeDefinition } from '../../../rules/tree.ts';
import type { PasientUnder13Outcome, PasientUnder13Rule } from './definitions.ts';

const juridisk = ftrl('8-3', 1);

/** Tree 5, ftrl. § 8-3 first ledd. */
export const pasientUnder13Tree: TreeDefinition<PasientUnder13Rule, PasientUnder13Outcome> = {
  name: 'PASIENT_UNDER_13',
  title: 'Pasient under 13',
  juridisk,
  root: node('PASIENT_YNGRE_ENN_13', invalid('PASIENT_YNGRE_ENN_13', juridisk), ok(juridisk)),
};
