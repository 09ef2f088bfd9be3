import type { RuleFunctions } from '../../../rules/tree.ts';
import type { Godkjenning, Tilleggskompetanse } from '../../context.ts';
import { fromDay, toDay } from '../../dates.ts';
import type { HprRule } from './definitions.ts';
import type { HprPayload } from './payload.ts';

/** Authorisations (list 7704) that allow issuing a sykmelding: 1 = autorisasjon, 18 = LIS1-lisens. */
const VALID_AUTHORISATIONS = new Set(['1', '2', '4', '14', '17', '18']);

const activeCategory = (g: Godkjenning, verdi: string) => !!g.helsepersonellkategori?.aktiv && g.helsepersonellkategori.verdi === verdi && !!g.autorisasjon?.aktiv;

/** Extra competence 7702 = 1, not ended, valid on the signature date (both ends inclusive). */
const validOn = (t: Tilleggskompetanse, signatur: number) =>
  (t.avsluttetStatus === undefined || t.avsluttetStatus === null) &&
  t.type.aktiv && t.type.oid === 7702 && t.type.verdi === '1' &&
  t.gyldig.fra !== undefined && toDay(t.gyldig.fra) <= signatur && (t.gyldig.til === undefined || signatur <= toDay(t.gyldig.til));

/** FT/KI with a valid extra competence (NAV does not check that the category is active). */
const withTilleggskompetanse = (p: HprPayload, verdi: string) =>
  p.godkjenninger.some((g) => g.helsepersonellkategori?.verdi === verdi && g.tilleggskompetanse.some((t) => validOn(t, p.signatur)));

const autorisasjoner = (p: HprPayload) => ({ autorisasjoner: p.godkjenninger.map((g) => g.autorisasjon) });
const kategorier = (p: HprPayload) => ({
  kategorier: p.godkjenninger.map((g) => ({ kategori: g.helsepersonellkategori?.verdi, kategoriAktiv: !!g.helsepersonellkategori?.aktiv, autorisasjonAktiv: !!g.autorisasjon?.aktiv })),
});
const tilleggskompetanse = (p: HprPayload) => ({
  signaturdato: fromDay(p.signatur),
  tilleggskompetanse: p.godkjenninger.flatMap((g) => g.tilleggskompetanse.map((t) => ({ kategori: g.helsepersonellkategori?.verdi, ...t }))),
});

export const hprRules: RuleFunctions<HprRule, HprPayload> = {
  BEHANDLER_FINNES_I_HPR: (p) => ({ result: p.finnesIHpr, inputs: { finnesIHpr: p.finnesIHpr } }),
  BEHANDLER_GYLIDG_I_HPR: (p) => ({ result: p.godkjenninger.some((g) => !!g.autorisasjon?.aktiv), inputs: autorisasjoner(p) }),
  BEHANDLER_HAR_AUTORISASJON_I_HPR: (p) => ({
    result: p.godkjenninger.some((g) => !!g.autorisasjon?.aktiv && g.autorisasjon.oid === 7704 && VALID_AUTHORISATIONS.has(g.autorisasjon.verdi)),
    inputs: autorisasjoner(p),
  }),
  BEHANDLER_ER_LEGE_I_HPR: (p) => ({ result: p.godkjenninger.some((g) => activeCategory(g, 'LE')), inputs: kategorier(p) }),
  BEHANDLER_ER_TANNLEGE_I_HPR: (p) => ({ result: p.godkjenninger.some((g) => activeCategory(g, 'TL')), inputs: kategorier(p) }),
  BEHANDLER_ER_MANUELLTERAPEUT_I_HPR: (p) => ({ result: p.godkjenninger.some((g) => activeCategory(g, 'MT')), inputs: kategorier(p) }),
  BEHANDLER_ER_FT_MED_TILLEGSKOMPETANSE_I_HPR: (p) => ({ result: withTilleggskompetanse(p, 'FT'), inputs: tilleggskompetanse(p) }),
  BEHANDLER_ER_KI_MED_TILLEGSKOMPETANSE_I_HPR: (p) => ({ result: withTilleggskompetanse(p, 'KI'), inputs: tilleggskompetanse(p) }),
  // Counted from the earliest fom or from the syketilfelle start, whichever gives more days.
  SYKEFRAVAR_OVER_12_UKER: (p) => {
    const days = Math.max(p.tom - p.fom, p.tom - p.startdato);
    return { result: days > 84, inputs: { dagerSykefravar: days, syketilfelleStartdato: fromDay(p.startdato) } };
  },
};
