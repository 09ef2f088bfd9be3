/**
 * QuestionnaireResponse ↔ domain Sykmelding, for NAV's syk-inn Questionnaire V1 (as its docs and
 * its mapper write it) and for our full Helsebro questionnaire. Plain functions; problems are
 * reported as OperationOutcome issues naming the item (`QuestionnaireResponse.item[linkId=…]`).
 */
import type { OutcomeIssue } from '../outcome.ts';
import type { QuestionnaireResponse, QuestionnaireResponseItem as Item, QuestionnaireResponseItemAnswer as Answer } from '../r4.ts';
import type { AnnenFravarsgrunn, ArbeidsrelatertArsak, Diagnose, MedisinskArsak, Periode, PeriodeType, Sykmelding } from '../../domain/sykmelding/model.ts';

const NAV_QUESTIONNAIRE_V1 = 'https://www.nav.no/samarbeidspartner/sykmelding/fhir/R4/Questionnaire/V1';
const HELSEBRO_QUESTIONNAIRE = 'https://helsebro.no/fhir/Questionnaire/sykmelding';

export function isSykmeldingQuestionnaire(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const canonical = url.split('|')[0];
  return canonical === NAV_QUESTIONNAIRE_V1 || canonical === HELSEBRO_QUESTIONNAIRE;
}

/** Items by linkId (a repeated group gives several entries). */
class Items {
  private readonly byId = new Map<string, Item[]>();
  constructor(items: Item[] | undefined, readonly path: string) {
    for (const i of items ?? []) {
      if (!i || typeof i.linkId !== 'string') continue;
      const list = this.byId.get(i.linkId) ?? [];
      list.push(i);
      this.byId.set(i.linkId, list);
    }
  }
  all(id: string): Item[] {
    return this.byId.get(id) ?? [];
  }
  answers(...ids: string[]): Answer[] {
    return ids.flatMap((id) => this.all(id).flatMap((i) => i.answer ?? []));
  }
  first(...ids: string[]): Answer | undefined {
    return this.answers(...ids)[0];
  }
  where(id: string): string {
    return `${this.path}.item.where(linkId='${id}')`;
  }
}

const PERIODE_TYPES = new Set<PeriodeType>(['AKTIVITET_IKKE_MULIG', 'GRADERT', 'AVVENTENDE', 'BEHANDLINGSDAGER', 'REISETILSKUDD']);
const FRAVAR = new Set<AnnenFravarsgrunn>([
  'GODKJENT_HELSEINSTITUSJON', 'BEHANDLING_FORHINDRER_ARBEID', 'ARBEIDSRETTET_TILTAK', 'MOTTAR_TILSKUDD_GRUNNET_HELSETILSTAND',
  'NODVENDIG_KONTROLLUNDENRSOKELSE', 'SMITTEFARE', 'ABORT', 'UFOR_GRUNNET_BARNLOSHET', 'DONOR', 'BEHANDLING_STERILISERING',
]);
const MEDISINSK: Record<string, MedisinskArsak> = { '1': 'TILSTAND_HINDRER_AKTIVITET', '2': 'AKTIVITET_FORVERRER_TILSTAND', '3': 'AKTIVITET_FORHINDRER_BEDRING', '9': 'ANNET' };
const ARBEID: Record<string, ArbeidsrelatertArsak> = { '1': 'MANGLENDE_TILRETTELEGGING', '9': 'ANNET' };

interface MappingRefs {
  /** fnr/D-nummer of QuestionnaireResponse.subject */
  pasientIdent: string;
  /** HPR number (and fnr) of QuestionnaireResponse.author */
  behandler: { hpr?: string; fnr?: string; navn?: string };
}

function stripOid(system: string | undefined): string {
  return (system ?? '').replace(/^urn:oid:/, '');
}

function diagnosis(a: Answer): Diagnose | undefined {
  const c = a.valueCoding;
  if (!c?.code) return undefined;
  return { system: stripOid(c.system), kode: c.code, tekst: c.display };
}

/** Reads defensively: the response may come from a client and not have passed validation yet, so only the elements read are required to be of their R4 types. */
export function toSykmelding(qr: Pick<QuestionnaireResponse, 'id' | 'authored' | 'item'>, refs: MappingRefs): { sykmelding?: Sykmelding; issues: OutcomeIssue[] } {
  const issues: OutcomeIssue[] = [];
  const problem = (expression: string, diagnostics: string, code: OutcomeIssue['code'] = 'required') =>
    issues.push({ severity: 'error', code, diagnostics: `${expression}: ${diagnostics}`, expression: [expression] });
  const root = new Items(qr.item, 'QuestionnaireResponse');

  const hoved = root.first('hoveddiagnose');
  const hoveddiagnose = hoved ? diagnosis(hoved) : undefined;
  if (hoved && !hoveddiagnose) problem(root.where('hoveddiagnose'), 'the main diagnosis needs a valueCoding with a code', 'value');
  const bidiagnoser = root.answers('bidiagnose', 'bidiagnoser').map(diagnosis).filter((d): d is Diagnose => !!d);

  const perioder: Periode[] = [];
  root.all('aktivitet').forEach((group, index) => {
    const g = new Items(group.item, `${root.where('aktivitet')}[${index}]`);
    const typeCode = g.first('aktivitet-type')?.valueCoding?.code;
    const fom = g.first('aktivitet-fom')?.valueDate;
    const tom = g.first('aktivitet-tom')?.valueDate;
    if (!fom) problem(g.where('aktivitet-fom'), 'a period needs a from-date (valueDate)');
    if (!tom) problem(g.where('aktivitet-tom'), 'a period needs a to-date (valueDate)');
    if (!fom || !tom) return;
    const type: Periode['type'] = typeCode && PERIODE_TYPES.has(typeCode as PeriodeType) ? (typeCode as PeriodeType) : 'UGYLDIG';
    const p: Periode = { fom, tom, type };
    const grad = g.first('aktivitet-grad')?.valueInteger;
    if (grad !== undefined) p.grad = grad;
    if (type === 'GRADERT' && grad === undefined) problem(g.where('aktivitet-grad'), 'a graded period needs a grade');
    const reise = g.first('aktivitet-reisetilskudd')?.valueBoolean;
    if (reise !== undefined) p.reisetilskudd = reise;
    const innspill = g.first('aktivitet-innspill-til-arbeidsgiver')?.valueString;
    if (innspill !== undefined) p.innspillTilArbeidsgiver = innspill;
    const dager = g.first('aktivitet-behandlingsdager')?.valueInteger;
    if (dager !== undefined) p.behandlingsdager = dager;
    // Intake (reference §7.1): reason codes outside code lists 8133 {1,2,3,9} and 8132 {1,9} are refused.
    for (const [linkId, known] of [['aktivitet-medisinsk-arsak', MEDISINSK], ['aktivitet-arbeidsrelatert-arsak', ARBEID]] as const) {
      const bad = g.answers(linkId).find((a) => !known[a.valueCoding?.code ?? '']);
      if (bad) problem(g.where(linkId), `unknown reason code '${String(bad.valueCoding?.code ?? '').slice(0, 20)}'`, 'code-invalid');
    }
    const med = g.answers('aktivitet-medisinsk-arsak').map((a) => MEDISINSK[a.valueCoding?.code ?? '']).filter(Boolean);
    const medText = g.first('aktivitet-medisinsk-arsak-beskrivelse')?.valueString;
    if (med.length || medText) p.medisinskArsak = { arsaker: med, beskrivelse: medText };
    const arb = g.answers('aktivitet-arbeidsrelatert-arsak').map((a) => ARBEID[a.valueCoding?.code ?? '']).filter(Boolean);
    const arbText = g.first('aktivitet-arbeidsrelatert-arsak-beskrivelse')?.valueString;
    if (arb.length || arbText) p.arbeidsrelatertArsak = { arsaker: arb, beskrivelse: arbText };
    perioder.push(p);
  });
  if (root.all('aktivitet').length === 0) problem(root.where('aktivitet'), 'at least one period (aktivitet) is required');

  const grunner = root.answers('annen-fravarsgrunn').map((a) => a.valueCoding?.code).filter((c): c is AnnenFravarsgrunn => !!c && FRAVAR.has(c as AnnenFravarsgrunn));
  const unknownGrunn = root.answers('annen-fravarsgrunn').find((a) => !FRAVAR.has(a.valueCoding?.code as AnnenFravarsgrunn));
  if (unknownGrunn) problem(root.where('annen-fravarsgrunn'), `unknown reason '${unknownGrunn.valueCoding?.code ?? ''}'`, 'code-invalid');
  const grunnText = root.first('annen-fravarsgrunn-beskrivelse')?.valueString;

  const yrkes = new Items(root.all('yrkesskade')[0]?.item, root.where('yrkesskade'));
  const erYrkesskade = yrkes.first('yrkesskade-er-yrkesskade')?.valueBoolean === true;

  // NAV's mapper writes `arbeidsforhold` with a direct valueString; its docs nest the employer name.
  const arbeidsforhold = root.all('arbeidsforhold')[0];
  const arbeidsgiverNavn = arbeidsforhold?.answer?.[0]?.valueString ?? new Items(arbeidsforhold?.item, root.where('arbeidsforhold')).first('arbeidsforhold-arbeidsgivernavn')?.valueString;
  const har = root.first('har-arbeidsgiver')?.valueCoding?.code as 'EN' | 'FLERE' | 'INGEN' | undefined;

  const prognoseGroup = root.all('prognose')[0];
  const prog = prognoseGroup ? new Items(prognoseGroup.item, root.where('prognose')) : undefined;
  const navGroup = root.all('melding-til-nav')[0];
  const nav = navGroup ? new Items(navGroup.item, root.where('melding-til-nav')) : undefined;
  const tbGroup = root.all('tilbakedatering')[0];
  const tb = tbGroup ? new Items(tbGroup.item, root.where('tilbakedatering')) : undefined;

  const authored = typeof qr.authored === 'string' ? qr.authored : undefined;
  if (!authored) problem('QuestionnaireResponse.authored', 'the time of signing (authored) is required');
  if (issues.length > 0 || !authored) return { issues };

  const text = (id: string) => root.first(id)?.valueString;
  const sykmelding: Sykmelding = {
    id: typeof qr.id === 'string' ? qr.id : '',
    pasient: { ident: refs.pasientIdent },
    hoveddiagnose,
    bidiagnoser,
    annenFravarsgrunn: grunner.length || grunnText ? { grunner, beskrivelse: grunnText } : undefined,
    svangerskap: root.first('svangerskapsrelatert')?.valueBoolean === true,
    yrkesskade: erYrkesskade ? { yrkesskadeDato: yrkes.first('yrkesskade-skadedato')?.valueDate } : undefined,
    skjermesForPasient: root.first('skjermes-for-pasient')?.valueBoolean === true,
    perioder,
    prognose: prog ? { arbeidsforEtterPeriode: prog.first('prognose-arbeidsfor-etter-periode')?.valueBoolean === true, hensynArbeidsplassen: prog.first('prognose-hensyn-arbeidsplassen')?.valueString } : undefined,
    utdypendeOpplysninger: root.all('utdypende-opplysning').map((g) => {
      const u = new Items(g.item, root.where('utdypende-opplysning'));
      return {
        id: u.first('utdypende-sporsmal-id')?.valueString ?? '',
        sporsmal: u.first('utdypende-sporsmal')?.valueString,
        svar: u.first('utdypende-svar')?.valueString ?? '',
        skjermetForArbeidsgiver: true,
        skjermetForPasient: u.first('utdypende-skjermet-for-pasient')?.valueBoolean === true,
      };
    }),
    tiltak: text('tiltak-arbeidsplassen') || text('tiltak-nav') || text('andre-tiltak')
      ? { tiltakArbeidsplassen: text('tiltak-arbeidsplassen'), tiltakNav: text('tiltak-nav'), andreTiltak: text('andre-tiltak') } : undefined,
    meldingTilNav: nav ? { bistandUmiddelbart: nav.first('melding-til-nav-bistand-umiddelbart')?.valueBoolean === true, beskrivBistand: nav.first('melding-til-nav-beskrivelse')?.valueString } : undefined,
    meldingTilArbeidsgiver: text('melding-til-arbeidsgiver'),
    arbeidsgiver: {
      harArbeidsgiver: har ?? (arbeidsgiverNavn ? 'EN' : 'INGEN'),
      navn: arbeidsgiverNavn,
      yrkesbetegnelse: text('arbeidsgiver-yrkesbetegnelse'),
      stillingsprosent: root.first('arbeidsgiver-stillingsprosent')?.valueInteger,
    },
    tilbakedatering: tb ? { kontaktDato: tb.first('tilbakedatering-kontaktdato')?.valueDate, begrunnelse: tb.first('tilbakedatering-begrunnelse')?.valueString } : undefined,
    behandletTidspunkt: root.first('behandlet-tidspunkt')?.valueDateTime ?? authored,
    signaturDato: authored,
    syketilfelleStartDato: root.first('syketilfelle-startdato')?.valueDate,
    behandler: refs.behandler,
  };
  return { sykmelding: prune(sykmelding), issues };
}

/** Drops undefined fields so that mapping round trips compare equal. */
function prune<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const answer = (v: Answer) => [v];
const str = (linkId: string, value: string | undefined) => (value === undefined ? [] : [{ linkId, answer: answer({ valueString: value }) }]);
const bool = (linkId: string, value: boolean | undefined) => (value === undefined ? [] : [{ linkId, answer: answer({ valueBoolean: value }) }]);
const date = (linkId: string, value: string | undefined) => (value === undefined ? [] : [{ linkId, answer: answer({ valueDate: value }) }]);
const int = (linkId: string, value: number | undefined) => (value === undefined ? [] : [{ linkId, answer: answer({ valueInteger: value }) }]);
const group = (linkId: string, items: Item[]) => (items.length ? [{ linkId, item: items }] : []);
const REV_MED = Object.fromEntries(Object.entries(MEDISINSK).map(([k, v]) => [v, k]));
const REV_ARB = Object.fromEntries(Object.entries(ARBEID).map(([k, v]) => [v, k]));

/** Our full questionnaire's QuestionnaireResponse for a sykmelding (references supplied by the caller). */
export function toQuestionnaireResponse(s: Sykmelding, refs: { subject?: string; author?: string } = {}): QuestionnaireResponse {
  const coding = (d: Diagnose) => ({ valueCoding: { system: `urn:oid:${d.system}`, code: d.kode, ...(d.tekst ? { display: d.tekst } : {}) } });
  const items: Item[] = [
    ...(s.hoveddiagnose ? [{ linkId: 'hoveddiagnose', answer: [coding(s.hoveddiagnose)] }] : []),
    ...(s.bidiagnoser.length ? [{ linkId: 'bidiagnose', answer: s.bidiagnoser.map(coding) }] : []),
    ...s.perioder.map((p) => ({
      linkId: 'aktivitet',
      item: [
        { linkId: 'aktivitet-type', answer: answer({ valueCoding: { code: p.type } }) },
        ...date('aktivitet-fom', p.fom),
        ...date('aktivitet-tom', p.tom),
        ...int('aktivitet-grad', p.grad),
        ...bool('aktivitet-reisetilskudd', p.reisetilskudd),
        ...str('aktivitet-innspill-til-arbeidsgiver', p.innspillTilArbeidsgiver),
        ...int('aktivitet-behandlingsdager', p.behandlingsdager),
        ...(p.medisinskArsak?.arsaker.length ? [{ linkId: 'aktivitet-medisinsk-arsak', answer: p.medisinskArsak.arsaker.map((a) => ({ valueCoding: { system: 'urn:oid:2.16.578.1.12.4.1.1.8133', code: REV_MED[a] } })) }] : []),
        ...str('aktivitet-medisinsk-arsak-beskrivelse', p.medisinskArsak?.beskrivelse),
        ...(p.arbeidsrelatertArsak?.arsaker.length ? [{ linkId: 'aktivitet-arbeidsrelatert-arsak', answer: p.arbeidsrelatertArsak.arsaker.map((a) => ({ valueCoding: { system: 'urn:oid:2.16.578.1.12.4.1.1.8132', code: REV_ARB[a] } })) }] : []),
        ...str('aktivitet-arbeidsrelatert-arsak-beskrivelse', p.arbeidsrelatertArsak?.beskrivelse),
      ],
    })),
    { linkId: 'svangerskapsrelatert', answer: answer({ valueBoolean: s.svangerskap }) },
    ...(s.annenFravarsgrunn?.grunner.length ? [{ linkId: 'annen-fravarsgrunn', answer: s.annenFravarsgrunn.grunner.map((g) => ({ valueCoding: { code: g } })) }] : []),
    ...str('annen-fravarsgrunn-beskrivelse', s.annenFravarsgrunn?.beskrivelse),
    ...group('yrkesskade', s.yrkesskade ? [{ linkId: 'yrkesskade-er-yrkesskade', answer: answer({ valueBoolean: true }) }, ...date('yrkesskade-skadedato', s.yrkesskade.yrkesskadeDato)] : []),
    ...group('arbeidsforhold', str('arbeidsforhold-arbeidsgivernavn', s.arbeidsgiver.navn)),
    ...bool('skjermes-for-pasient', s.skjermesForPasient || undefined),
    { linkId: 'har-arbeidsgiver', answer: answer({ valueCoding: { code: s.arbeidsgiver.harArbeidsgiver } }) },
    ...str('arbeidsgiver-yrkesbetegnelse', s.arbeidsgiver.yrkesbetegnelse),
    ...int('arbeidsgiver-stillingsprosent', s.arbeidsgiver.stillingsprosent),
    ...group('prognose', s.prognose ? [...bool('prognose-arbeidsfor-etter-periode', s.prognose.arbeidsforEtterPeriode), ...str('prognose-hensyn-arbeidsplassen', s.prognose.hensynArbeidsplassen)] : []),
    ...s.utdypendeOpplysninger.map((u) => ({
      linkId: 'utdypende-opplysning',
      item: [...str('utdypende-sporsmal-id', u.id), ...str('utdypende-sporsmal', u.sporsmal), ...str('utdypende-svar', u.svar), ...bool('utdypende-skjermet-for-pasient', u.skjermetForPasient || undefined)],
    })),
    ...str('tiltak-arbeidsplassen', s.tiltak?.tiltakArbeidsplassen),
    ...str('tiltak-nav', s.tiltak?.tiltakNav),
    ...str('andre-tiltak', s.tiltak?.andreTiltak),
    ...group('melding-til-nav', s.meldingTilNav ? [...bool('melding-til-nav-bistand-umiddelbart', s.meldingTilNav.bistandUmiddelbart), ...str('melding-til-nav-beskrivelse', s.meldingTilNav.beskrivBistand)] : []),
    ...str('melding-til-arbeidsgiver', s.meldingTilArbeidsgiver),
    ...group('tilbakedatering', s.tilbakedatering ? [...date('tilbakedatering-kontaktdato', s.tilbakedatering.kontaktDato), ...str('tilbakedatering-begrunnelse', s.tilbakedatering.begrunnelse)] : []),
    ...(s.behandletTidspunkt !== s.signaturDato ? [{ linkId: 'behandlet-tidspunkt', answer: answer({ valueDateTime: s.behandletTidspunkt }) }] : []),
    ...date('syketilfelle-startdato', s.syketilfelleStartDato),
  ];
  return {
    resourceType: 'QuestionnaireResponse',
    ...(s.id ? { id: s.id } : {}),
    questionnaire: HELSEBRO_QUESTIONNAIRE,
    status: 'completed',
    ...(refs.subject ? { subject: { reference: refs.subject } } : {}),
    authored: s.signaturDato,
    ...(refs.author ? { author: { reference: refs.author } } : {}),
    item: items,
  };
}
