import { ftrl, invalid, manual, node, ok, type TreeDefinition } from '../../../rules/tree.ts';
import type { TilbakedateringOutcome, TilbakedateringRule } from './definitions.ts';

const juridisk = ftrl('8-7');
const OK = ok<TilbakedateringOutcome>(juridisk);

/** Tree 7, ftrl. § 8-7. */
export const tilbakedateringTree: TreeDefinition<TilbakedateringRule, TilbakedateringOutcome> = {
  name: 'TILBAKEDATERING',
  title: 'Tilbakedatering',
  juridisk,
  root: node('TILBAKEDATERING',
    node('SPESIALISTHELSETJENESTEN', OK,
      node('ETTERSENDING', OK,
        node('TILBAKEDATERT_INNTIL_4_DAGER', OK,
          node('TILBAKEDATERT_INNTIL_8_DAGER',
            node('BEGRUNNELSE_MIN_1_ORD', OK, node('FORLENGELSE', OK, invalid('INNTIL_8_DAGER', juridisk))),
            node('TILBAKEDATERT_MINDRE_ENN_1_MAANED',
              node('BEGRUNNELSE_MIN_1_ORD',
                node('FORLENGELSE', OK, node('ARBEIDSGIVERPERIODE', OK, manual('MINDRE_ENN_1_MAANED_MED_BEGRUNNELSE', juridisk))),
                invalid('MINDRE_ENN_1_MAANED', juridisk)),
              node('BEGRUNNELSE_MIN_3_ORD', manual('OVER_1_MND_MED_BEGRUNNELSE', juridisk), invalid('OVER_1_MND', juridisk))))))),
    OK),
};
