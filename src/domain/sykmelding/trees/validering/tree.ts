import { invalid, node, ok, type TreeDefinition } from '../../../rules/tree.ts';
import { chain } from '../../../rules/chain.ts';
import type { ValideringOutcome, ValideringRule } from './definitions.ts';

/** Tree 1, no legal reference. A paper sykmelding skips everything after the orgnr check. */
export const valideringTree: TreeDefinition<ValideringRule, ValideringOutcome> = {
  name: 'VALIDERING',
  title: 'Strukturell validering',
  root: node(
    'UGYLDIG_ORGNR_LENGDE',
    invalid('UGYLDIG_ORGNR_LENGDE'),
    node(
      'PAPIRSYKMELDING',
      ok(),
      chain<ValideringRule, ValideringOutcome>([
        ['UGYLDIG_REGELSETTVERSJON', invalid('UGYLDIG_REGELSETTVERSJON')],
        ['MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39', invalid('MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39')],
        ['AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR', invalid('AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR')],
        ['BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR', invalid('BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR')],
      ]),
    ),
  ),
};
