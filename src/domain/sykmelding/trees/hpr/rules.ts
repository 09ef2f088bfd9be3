import type { RuleFunctions } from '../../../rules/tree.ts';
import { authorisationInputs, categoryInputs, hasActiveAuthorisation, hasActiveCategory, hasValidAuthorisation, type Tilleggskompetanse } from '../../../behandler/hpr.ts';
import { fromDay, toDay } from '../../../rules/dates.ts';
import type { HprRule } from './definitions.ts';
import type { HprPayload } from './payload.ts';

/** Extra competence 7702 = 1, not ended, valid on the signature date (both ends inclusive). */
const validOn = (t: Tilleggskompetanse, signatur: number) =>
  (t.avsluttetStatus === undefined || t.avsluttetStatus === null) &&
  t.type.aktiv && t.type.oid === 7702 && t.type.verdi === '1' &&
  t.gyldig.fra !== undefined && toDay(t.gyldig.fra) <= signatur && (t.gyldig.til === undefined || signatur <= toDay(t.gyldig.til));

/** FT/KI with a valid extra competence (NAV does not check that the category is active). */
const withTilleggskompetanse = (p: HprPayload, verdi: string) =>
  p.godkjenninger.some((g) => g.helsepersonellkategori?.verdi === verdi && g.tilleggskompetanse.some((t) => validOn(t, p.signatur)));

const autorisasjoner = (p: HprPayload) => authorisationInputs(p.godkjenninger);
const kategorier = (p: HprPayload) => categoryInputs(p.godkjenninger);
const activeCategory = (p: HprPayload, verdi: string) => p.godkjenninger.some((g) => hasActiveCategory(g, verdi));
const tilleggskompetanse = (p: HprPayload) => ({
  signaturdato: fromDay(p.signatur),
  tilleggskompetanse: p.godkjenninger.flatMap((g) => g.tilleggskompetanse.map((t) => ({ kategori: g.helsepersonellkategori?.verdi, ...t }))),
});

export const hprRules: RuleFunctions<HprRule, HprPayload> = {
  BEHANDLER_FINNES_I_HPR: (p) => ({ result: p.finnesIHpr, inputs: { finnesIHpr: p.finnesIHpr } }),
  BEHANDLER_GYLIDG_I_HPR: (p) => ({ result: hasActiveAuthorisation(p.godkjenninger), inputs: autorisasjoner(p) }),
  BEHANDLER_HAR_AUTORISASJON_I_HPR: (p) => ({ result: hasValidAuthorisation(p.godkjenninger), inputs: autorisasjoner(p) }),
  BEHANDLER_ER_LEGE_I_HPR: (p) => ({ result: activeCategory(p, 'LE'), inputs: kategorier(p) }),
  BEHANDLER_ER_TANNLEGE_I_HPR: (p) => ({ result: activeCategory(p, 'TL'), inputs: kategorier(p) }),
  BEHANDLER_ER_MANUELLTERAPEUT_I_HPR: (p) => ({ result: activeCategory(p, 'MT'), inputs: kategorier(p) }),
  BEHANDLER_ER_FT_MED_TILLEGSKOMPETANSE_I_HPR: (p) => ({ result: withTilleggskompetanse(p, 'FT'), inputs: tilleggskompetanse(p) }),
  BEHANDLER_ER_KI_MED_TILLEGSKOMPETANSE_I_HPR: (p) => ({ result: withTilleggskompetanse(p, 'KI'), inputs: tilleggskompetanse(p) }),
  // Counted from the earliest fom or from the syketilfelle start, whichever gives more days.
  SYKEFRAVAR_OVER_12_UKER: (p) => {
    const days = Math.max(p.tom - p.fom, p.tom - p.startdato);
    return { result: days > 84, inputs: { dagerSykefravar: days, syketilfelleStartdato: fromDay(p.startdato) } };
  },
};
