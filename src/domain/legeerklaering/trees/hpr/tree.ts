import { invalid, ok, type TreeDefinition } from '../../../rules/tree.ts';
import { chain } from '../../../rules/chain.ts';
import { HPR_JURIDISK } from '../juridisk.ts';
import type { HprOutcome, HprRule } from './definitions.ts';

/** Tree 2, ftrl. § 21-4 (see ../juridisk.ts). Each rule's yes is its INVALID leaf. */
export const hprTree: TreeDefinition<HprRule, HprOutcome> = {
  name: 'HPR',
  title: 'Behandler i HPR',
  juridisk: HPR_JURIDISK,
  root: chain<HprRule, HprOutcome>([
    ['BEHANDLER_IKKE_GYLDIG_I_HPR', invalid('BEHANDLER_IKKE_GYLDIG_I_HPR', HPR_JURIDISK)],
    ['BEHANDLER_MANGLER_AUTORISASJON_I_HPR', invalid('BEHANDLER_MANGLER_AUTORISASJON_I_HPR', HPR_JURIDISK)],
    ['BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR', invalid('BEHANDLER_IKKE_LE_KI_MT_TL_FT_PS_I_HPR', HPR_JURIDISK)],
  ], ok(HPR_JURIDISK)),
};
