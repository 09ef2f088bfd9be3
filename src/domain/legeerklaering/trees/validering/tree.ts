import { chain } from '../../../rules/chain.ts';
import { invalid, type TreeDefinition } from '../../../rules/tree.ts';
import type { ValideringOutcome, ValideringRule } from './definitions.ts';

/** Tree 3, no legal reference (as the sykmelding's validation tree; see ../juridisk.ts). */
export const valideringTree: TreeDefinition<ValideringRule, ValideringOutcome> = {
  name: 'VALIDERING',
  title: 'Validering',
  root: chain<ValideringRule, ValideringOutcome>([
    ['PASIENT_YNGRE_ENN_13', invalid('PASIENT_YNGRE_ENN_13')],
    ['UGYLDIG_ORGNR_LENGDE', invalid('UGYLDIG_ORGNR_LENGDE')],
    ['AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR', invalid('AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR')],
  ]),
};
