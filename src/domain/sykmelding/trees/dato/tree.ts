import { invalid, type TreeDefinition } from '../../../rules/tree.ts';
import { chain } from '../../../rules/chain.ts';
import type { DatoOutcome, DatoRule } from './definitions.ts';

/** Tree 6, no legal reference. */
export const datoTree: TreeDefinition<DatoRule, DatoOutcome> = {
  name: 'DATO',
  title: 'Dato',
  root: chain<DatoRule, DatoOutcome>([
    ['FREMDATERT', invalid('FREMDATERT')],
    ['TILBAKEDATERT_MER_ENN_3_AR', invalid('TILBAKEDATERT_MER_ENN_3_AR')],
    ['TOTAL_VARIGHET_OVER_ETT_AAR', invalid('TOTAL_VARIGHET_OVER_ETT_AAR')],
  ]),
};
