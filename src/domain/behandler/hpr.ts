/**
 * What the rules know about a behandler from HPR (Helsepersonellregisteret) and btsys, and the HPR
 * checks that the sykmelding and the legeerklæring rules share. The facts are judged on the
 * signature date before they reach the rules; here they are plain values.
 */
export interface HprKode {
  aktiv: boolean;
  /** Volven list, e.g. 7704 (autorisasjon), 9060 (helsepersonellkategori), 7702 (tilleggskompetanse). */
  oid: number;
  verdi: string;
}

export interface Tilleggskompetanse {
  avsluttetStatus?: string | null;
  type: HprKode;
  gyldig: { fra?: string; til?: string };
}

/** One HPR approval (godkjenning): a category with its authorisation and extra competences. */
export interface Godkjenning {
  autorisasjon?: HprKode;
  helsepersonellkategori?: HprKode;
  tilleggskompetanse: Tilleggskompetanse[];
}

/** The behandler as the rules see it. */
export interface BehandlerFakta {
  /** Suspended by NAV (btsys) at the signature date. */
  suspendert: boolean;
  /** Found in HPR at all. */
  finnesIHpr: boolean;
  godkjenninger: Godkjenning[];
  fnr?: string;
}

/**
 * Authorisations (list 7704) that count: 1 = autorisasjon, 18 = LIS1-lisens; NAV also accepts 2, 4,
 * 14 and 17, whose meaning the sources do not confirm.
 */
export const VALID_AUTHORISATIONS: ReadonlySet<string> = new Set(['1', '2', '4', '14', '17', '18']);

/** Some approval has an active authorisation, whatever its kind. */
export const hasActiveAuthorisation = (godkjenninger: readonly Godkjenning[]): boolean => godkjenninger.some((g) => !!g.autorisasjon?.aktiv);

/** Some approval has an active authorisation of list 7704 with a value that counts. */
export const hasValidAuthorisation = (godkjenninger: readonly Godkjenning[]): boolean =>
  godkjenninger.some((g) => !!g.autorisasjon?.aktiv && g.autorisasjon.oid === 7704 && VALID_AUTHORISATIONS.has(g.autorisasjon.verdi));

/** The approval's category is active, is `verdi`, and comes with an active authorisation. */
export const hasActiveCategory = (g: Godkjenning, verdi: string): boolean =>
  !!g.helsepersonellkategori?.aktiv && g.helsepersonellkategori.verdi === verdi && !!g.autorisasjon?.aktiv;

/** What an authorisation rule read: the authorisations, as HPR gave them. */
export const authorisationInputs = (godkjenninger: readonly Godkjenning[]) => ({ autorisasjoner: godkjenninger.map((g) => g.autorisasjon) });

/** What a category rule read: each category, whether it is active, and whether its authorisation is. */
export const categoryInputs = (godkjenninger: readonly Godkjenning[]) => ({
  kategorier: godkjenninger.map((g) => ({ kategori: g.helsepersonellkategori?.verdi, kategoriAktiv: !!g.helsepersonellkategori?.aktiv, autorisasjonAktiv: !!g.autorisasjon?.aktiv })),
});
