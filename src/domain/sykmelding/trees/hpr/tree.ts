import { ftrl, invalid, node, ok, type TreeDefinition, type TreeNode } from '../../../rules/tree.ts';
import type { HprOutcome, HprRule } from './definitions.ts';

const juridisk = ftrl('8-7', 1);

/** Chiropractors, manual therapists and physiotherapists may certify up to 12 weeks in all. */
const over12Weeks: TreeNode<HprRule, HprOutcome> = node('SYKEFRAVAR_OVER_12_UKER', invalid('BEHANDLER_MT_FT_KI_OVER_12_UKER', juridisk), ok(juridisk));

/** Tree 3, ftrl. § 8-7 first ledd. */
export const hprTree: TreeDefinition<HprRule, HprOutcome> = {
  name: 'HPR',
  title: 'Behandler i HPR',
  juridisk,
  root: node('BEHANDLER_FINNES_I_HPR',
    node('BEHANDLER_GYLIDG_I_HPR',
      node('BEHANDLER_HAR_AUTORISASJON_I_HPR',
        node('BEHANDLER_ER_LEGE_I_HPR', ok(juridisk),
          node('BEHANDLER_ER_TANNLEGE_I_HPR', ok(juridisk),
            node('BEHANDLER_ER_MANUELLTERAPEUT_I_HPR', over12Weeks,
              node('BEHANDLER_ER_FT_MED_TILLEGSKOMPETANSE_I_HPR', over12Weeks,
                node('BEHANDLER_ER_KI_MED_TILLEGSKOMPETANSE_I_HPR', over12Weeks, invalid('BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR', juridisk)))))),
        invalid('BEHANDLER_MANGLER_AUTORISASJON_I_HPR', juridisk)),
      invalid('BEHANDLER_IKKE_GYLDIG_I_HPR', juridisk)),
    invalid('BEHANDLER_IKKE_I_HPR', juridisk)),
};
