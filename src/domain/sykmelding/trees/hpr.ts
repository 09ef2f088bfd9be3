import { invalid, node, ok, type RuleTree, type TreeNode } from '../../rules/tree.ts';
import type { Godkjenning } from '../context.ts';
import { toDay } from '../dates.ts';
import type { OutcomeName } from '../outcomes.ts';
import type { RulePayload } from '../payload.ts';

type Rule =
  | 'BEHANDLER_FINNES_I_HPR' | 'BEHANDLER_GYLIDG_I_HPR' | 'BEHANDLER_HAR_AUTORISASJON_I_HPR' | 'BEHANDLER_ER_LEGE_I_HPR'
  | 'BEHANDLER_ER_TANNLEGE_I_HPR' | 'BEHANDLER_ER_MANUELLTERAPEUT_I_HPR' | 'BEHANDLER_ER_FT_MED_TILLEGSKOMPETANSE_I_HPR'
  | 'BEHANDLER_ER_KI_MED_TILLEGSKOMPETANSE_I_HPR' | 'SYKEFRAVAR_OVER_12_UKER';

/** Authorisations (list 7704) that allow issuing a sykmelding: 1 = autorisasjon, 18 = LIS1-lisens. */
const VALID_AUTHORISATIONS = new Set(['1', '2', '4', '14', '17', '18']);

const godkjenninger = (p: RulePayload) => p.context.behandler.godkjenninger;
const activeCategory = (g: Godkjenning, verdi: string) => !!g.helsepersonellkategori?.aktiv && g.helsepersonellkategori.verdi === verdi && !!g.autorisasjon?.aktiv;

/** FT/KI with extra competence 7702 = 1, valid on the signature date (NAV does not check the category is active). */
function withTillegskompetanse(p: RulePayload, verdi: string): boolean {
  return godkjenninger(p).some(
    (g) =>
      g.helsepersonellkategori?.verdi === verdi &&
      g.tilleggskompetanse.some(
        (t) =>
          (t.avsluttetStatus === undefined || t.avsluttetStatus === null) &&
          t.type.aktiv && t.type.oid === 7702 && t.type.verdi === '1' &&
          t.gyldig.fra !== undefined && toDay(t.gyldig.fra) <= p.signatur && (t.gyldig.til === undefined || p.signatur <= toDay(t.gyldig.til)),
      ),
  );
}

const over12Weeks: TreeNode<Rule, OutcomeName> = node('SYKEFRAVAR_OVER_12_UKER', invalid('BEHANDLER_MT_FT_KI_OVER_12_UKER'), ok());

export const hprTree: RuleTree<Rule, OutcomeName, RulePayload> = {
  name: 'HPR',
  title: 'Behandler i HPR',
  juridisk: { lov: 'Folketrygdloven', paragraf: '8-7', ledd: 1 },
  root: node('BEHANDLER_FINNES_I_HPR',
    node('BEHANDLER_GYLIDG_I_HPR',
      node('BEHANDLER_HAR_AUTORISASJON_I_HPR',
        node('BEHANDLER_ER_LEGE_I_HPR', ok(),
          node('BEHANDLER_ER_TANNLEGE_I_HPR', ok(),
            node('BEHANDLER_ER_MANUELLTERAPEUT_I_HPR', over12Weeks,
              node('BEHANDLER_ER_FT_MED_TILLEGSKOMPETANSE_I_HPR', over12Weeks,
                node('BEHANDLER_ER_KI_MED_TILLEGSKOMPETANSE_I_HPR', over12Weeks, invalid('BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR')))))),
        invalid('BEHANDLER_MANGLER_AUTORISASJON_I_HPR')),
      invalid('BEHANDLER_IKKE_GYLDIG_I_HPR')),
    invalid('BEHANDLER_IKKE_I_HPR')),
  rules: {
    BEHANDLER_FINNES_I_HPR: (p) => ({ result: p.context.behandler.finnesIHpr, inputs: { finnesIHpr: p.context.behandler.finnesIHpr } }),
    BEHANDLER_GYLIDG_I_HPR: (p) => ({ result: godkjenninger(p).some((g) => !!g.autorisasjon?.aktiv), inputs: {} }),
    BEHANDLER_HAR_AUTORISASJON_I_HPR: (p) => ({
      result: godkjenninger(p).some((g) => !!g.autorisasjon?.aktiv && g.autorisasjon.oid === 7704 && VALID_AUTHORISATIONS.has(g.autorisasjon.verdi)),
      inputs: { autorisasjoner: godkjenninger(p).map((g) => g.autorisasjon?.verdi).filter(Boolean) },
    }),
    BEHANDLER_ER_LEGE_I_HPR: (p) => ({ result: godkjenninger(p).some((g) => activeCategory(g, 'LE')), inputs: {} }),
    BEHANDLER_ER_TANNLEGE_I_HPR: (p) => ({ result: godkjenninger(p).some((g) => activeCategory(g, 'TL')), inputs: {} }),
    BEHANDLER_ER_MANUELLTERAPEUT_I_HPR: (p) => ({ result: godkjenninger(p).some((g) => activeCategory(g, 'MT')), inputs: {} }),
    BEHANDLER_ER_FT_MED_TILLEGSKOMPETANSE_I_HPR: (p) => ({ result: withTillegskompetanse(p, 'FT'), inputs: {} }),
    BEHANDLER_ER_KI_MED_TILLEGSKOMPETANSE_I_HPR: (p) => ({ result: withTillegskompetanse(p, 'KI'), inputs: {} }),
    SYKEFRAVAR_OVER_12_UKER: (p) => {
      const days = Math.max(p.tom - p.fom, p.tom - p.startdato);
      return { result: days > 84, inputs: { dagerSykefravar: days } };
    },
  },
};
