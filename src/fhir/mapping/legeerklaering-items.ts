/**
 * The legeerklæring Questionnaire as one table: each item's linkId, its text (bokmål), its answer
 * type, and the model field it carries. The published Questionnaire
 * (fhir/Questionnaire-helsebro-legeerklaering.json) is rendered from this table, and the mapping
 * reads and writes QuestionnaireResponses by it, so the form, the mapping and the model cannot
 * drift apart. LinkIds are stable: rename a model field, never a linkId.
 */
import { DiagnoseSystem } from '../../domain/kodeverk/diagnose.ts';

export const LEGEERKLAERING_QUESTIONNAIRE = 'https://helsebro.no/fhir/Questionnaire/legeerklaering';
export const LEGEERKLAERING_QUESTIONNAIRE_VERSION = '1';

/** Answer kinds, and the Questionnaire item type each becomes. */
export const ITEM_TYPE = { string: 'string', text: 'text', date: 'date', integer: 'integer', boolean: 'boolean', code: 'choice', diagnose: 'open-choice' } as const;
export type FieldKind = keyof typeof ITEM_TYPE;

export interface EnableWhen { question: string; answerBoolean?: boolean; answerCode?: string }

export interface FieldItem {
  linkId: string;
  text: string;
  kind: FieldKind;
  /** The model field, dotted from the Legeerklaering root (`pasient.arbeidsgiver.navn`). */
  path: string;
  required?: boolean;
  repeats?: boolean;
  /** For `code`: each code (the model's value) and its display. */
  options?: ReadonlyArray<readonly [string, string]>;
  enableWhen?: EnableWhen;
}

export interface GroupItem {
  linkId: string;
  text: string;
  required?: boolean;
  item: ReadonlyArray<LegeerklaeringItem>;
}

export type LegeerklaeringItem = FieldItem | GroupItem;

export const isGroup = (i: LegeerklaeringItem): i is GroupItem => 'item' in i;

/** Diagnoses in a legeerklæring are ICPC-2 or ICD-10 (schema kodesystem 5 or 3). */
export const DIAGNOSE_SYSTEMS: ReadonlySet<string> = new Set([DiagnoseSystem.ICPC2, DiagnoseSystem.ICD10]);

const address = (prefix: string, path: string): FieldItem[] => [
  { linkId: `${prefix}-adresse`, text: 'Adresse', kind: 'string', path: `${path}.gateadresse` },
  { linkId: `${prefix}-postnummer`, text: 'Postnummer', kind: 'string', path: `${path}.postnummer` },
  { linkId: `${prefix}-poststed`, text: 'Poststed', kind: 'string', path: `${path}.poststed` },
  { linkId: `${prefix}-land`, text: 'Land', kind: 'string', path: `${path}.land` },
];

const referral = (linkId: string, text: string, path: string): GroupItem => ({
  linkId, text, item: [
    { linkId: `${linkId}-tekst`, text: 'Hva og hvor', kind: 'text', path: `${path}.tekst`, required: true },
    { linkId: `${linkId}-dato`, text: 'Henvist dato', kind: 'date', path: `${path}.dato`, required: true },
    { linkId: `${linkId}-ventetid-uker`, text: 'Antatt ventetid (uker)', kind: 'integer', path: `${path}.antattVentetidUker`, required: true },
  ],
});

const ARBEIDSEVNE = [['NA', 'Ja, nå'], ['ETTER_BEHANDLING', 'Ja, etter behandling'], ['NEI', 'Nei']] as const;

export const LEGEERKLAERING_ITEMS: ReadonlyArray<LegeerklaeringItem> = [
  {
    linkId: 'gjelder', text: '0. Legeerklæringen gjelder', kind: 'code', path: 'gjelder', required: true, options: [
      ['SYKEFRAVAER_OVER_8_UKER', 'Sykefravær i mer enn 8 uker'],
      ['ARBEIDSAVKLARINGSPENGER', 'Arbeidsavklaringspenger'],
      ['YRKESRETTET_ATTFORING', 'Yrkesrettet attføring'],
      ['UFOREPENSJON', 'Uførepensjon'],
    ],
  },
  {
    linkId: 'pasient', text: '1. Pasientopplysninger', required: true, item: [
      { linkId: 'pasient-fornavn', text: 'Fornavn', kind: 'string', path: 'pasient.fornavn' },
      { linkId: 'pasient-mellomnavn', text: 'Mellomnavn', kind: 'string', path: 'pasient.mellomnavn' },
      { linkId: 'pasient-etternavn', text: 'Etternavn', kind: 'string', path: 'pasient.etternavn' },
      { linkId: 'pasient-fnr', text: 'Fødselsnummer eller D-nummer', kind: 'string', path: 'pasient.fnr', required: true },
      { linkId: 'pasient-nav-kontor', text: 'NAV-kontor', kind: 'string', path: 'pasient.navKontor' },
      ...address('pasient', 'pasient.adresse'),
      { linkId: 'pasient-telefon', text: 'Telefon', kind: 'string', path: 'pasient.telefon' },
      { linkId: 'pasient-yrke', text: 'Yrke', kind: 'string', path: 'pasient.yrke' },
      { linkId: 'pasient-yrkeskode', text: 'Yrkeskode', kind: 'string', path: 'pasient.yrkeskode' },
      {
        linkId: 'pasient-flere-arbeidsforhold', text: 'Har pasienten flere arbeidsforhold?', kind: 'code', path: 'pasient.flereArbeidsforhold',
        options: [['JA', 'Ja'], ['NEI', 'Nei'], ['VET_IKKE', 'Vet ikke']],
      },
      {
        linkId: 'arbeidsgiver', text: 'Arbeidsgiver', item: [
          { linkId: 'arbeidsgiver-navn', text: 'Navn', kind: 'string', path: 'pasient.arbeidsgiver.navn' },
          { linkId: 'arbeidsgiver-orgnr', text: 'Organisasjonsnummer', kind: 'string', path: 'pasient.arbeidsgiver.orgnr' },
          ...address('arbeidsgiver', 'pasient.arbeidsgiver.adresse'),
          { linkId: 'arbeidsgiver-primart-arbeidsforhold', text: 'Er dette pasientens hovedarbeidsforhold?', kind: 'boolean', path: 'pasient.arbeidsgiver.primartArbeidsforhold' },
        ],
      },
    ],
  },
  {
    linkId: 'plan', text: 'Plan for utredning og behandling', item: [
      referral('henvist-utredning', 'Henvist til utredning', 'plan.utredning'),
      referral('henvist-behandling', 'Henvist til behandling', 'plan.behandling'),
      { linkId: 'utredningsplan', text: 'Plan for videre utredning', kind: 'text', path: 'plan.utredningsplan' },
      { linkId: 'behandlingsplan', text: 'Plan for videre behandling', kind: 'text', path: 'plan.behandlingsplan' },
      { linkId: 'vurdering-av-tidligere-plan', text: 'Ny vurdering av tidligere plan', kind: 'text', path: 'plan.vurderingAvTidligerePlan' },
      { linkId: 'nar-sporre-om-nye-legeopplysninger', text: 'Når bør NAV be om nye legeopplysninger?', kind: 'string', path: 'plan.narSporreOmNyeLegeopplysninger' },
      { linkId: 'videre-behandling-ikke-aktuelt', text: 'Hvorfor videre behandling ikke er aktuelt', kind: 'text', path: 'plan.videreBehandlingIkkeAktueltGrunn' },
    ],
  },
  {
    linkId: 'sykdomsopplysninger', text: '2. Sykdomsopplysninger', required: true, item: [
      { linkId: 'hoveddiagnose', text: 'Hoveddiagnose (ICPC-2 eller ICD-10)', kind: 'diagnose', path: 'sykdomsopplysninger.hoveddiagnose', required: true },
      { linkId: 'bidiagnose', text: 'Bidiagnoser (samme kodeverk som hoveddiagnosen)', kind: 'diagnose', path: 'sykdomsopplysninger.bidiagnoser', repeats: true },
      { linkId: 'arbeidsufor-fra', text: 'Arbeidsufør fra', kind: 'date', path: 'sykdomsopplysninger.arbeidsuforFra' },
      { linkId: 'sykdomshistorie', text: '2.5 Sykehistorie, symptomer og behandling', kind: 'text', path: 'sykdomsopplysninger.sykdomshistorie', required: true },
      { linkId: 'status-presens', text: '2.6 Status presens', kind: 'text', path: 'sykdomsopplysninger.statusPresens', required: true },
      { linkId: 'yrkesskade-bor-vurderes', text: 'Bør NAV vurdere om dette er en yrkesskade eller yrkessykdom?', kind: 'boolean', path: 'sykdomsopplysninger.borNavVurdereYrkesskade' },
      {
        linkId: 'yrkesskade-dato', text: 'Skadedato', kind: 'date', path: 'sykdomsopplysninger.yrkesskadeDato',
        enableWhen: { question: 'yrkesskade-bor-vurderes', answerBoolean: true },
      },
    ],
  },
  {
    linkId: 'tiltak', text: '3. Forslag til tiltak', required: true, item: [
      { linkId: 'tiltak-behov', text: 'Er tiltak aktuelt?', kind: 'boolean', path: 'forslagTilTiltak.behov' },
      {
        linkId: 'tiltak-type', text: 'Aktuelle tiltak', kind: 'code', path: 'forslagTilTiltak.tiltak', repeats: true, options: [
          ['KJOP_AV_HELSETJENESTER', 'Kjøp av helsetjenester'],
          ['REISETILSKUDD', 'Reisetilskudd i stedet for sykepenger'],
          ['AKTIV_SYKMELDING', 'Aktiv sykmelding'],
          ['HJELPEMIDLER_ARBEIDSPLASSEN', 'Hjelpemidler på arbeidsplassen'],
          ['YRKESRETTET_ATTFORING', 'Yrkesrettet attføring'],
          ['FRISKMELDING_TIL_ARBEIDSFORMIDLING', 'Friskmelding til arbeidsformidling'],
          ['ANDRE_TILTAK', 'Andre tiltak'],
        ],
      },
      {
        linkId: 'tiltak-andre', text: 'Hvilke andre tiltak', kind: 'text', path: 'forslagTilTiltak.andreTiltak',
        enableWhen: { question: 'tiltak-type', answerCode: 'ANDRE_TILTAK' },
      },
      { linkId: 'tiltak-opplysninger', text: 'Nærmere opplysninger om tiltakene', kind: 'text', path: 'forslagTilTiltak.opplysninger', required: true },
      { linkId: 'tiltak-begrensninger', text: 'Begrensninger ved tiltakene', kind: 'text', path: 'forslagTilTiltak.begrensninger' },
      { linkId: 'tiltak-begrunnelse-ikke-tiltak', text: 'Hvorfor tiltak ikke er aktuelt', kind: 'text', path: 'forslagTilTiltak.begrunnelseIkkeTiltak' },
    ],
  },
  {
    linkId: 'funksjonsevne', text: '4. Funksjons- og arbeidsevne', required: true, item: [
      {
        linkId: 'arbeidssituasjon', text: 'Arbeidssituasjon', kind: 'code', path: 'funksjonsOgArbeidsevne.arbeidssituasjon', repeats: true, required: true, options: [
          ['INNTEKTSGIVENDE_ARBEID', 'Inntektsgivende arbeid'], ['HJEMMEARBEIDENDE', 'Hjemmearbeidende'], ['STUDENT', 'Student'], ['ANNET', 'Annet'],
        ],
      },
      {
        linkId: 'arbeidssituasjon-annen', text: 'Annen arbeidssituasjon', kind: 'string', path: 'funksjonsOgArbeidsevne.annenArbeidssituasjon',
        enableWhen: { question: 'arbeidssituasjon', answerCode: 'ANNET' },
      },
      { linkId: 'gjenoppta-tidligere-arbeid', text: 'Kan pasienten gjenoppta det tidligere arbeidet?', kind: 'code', path: 'funksjonsOgArbeidsevne.gjenopptaTidligereArbeid', options: ARBEIDSEVNE },
      { linkId: 'ta-annet-arbeid', text: 'Kan pasienten ta annet arbeid?', kind: 'code', path: 'funksjonsOgArbeidsevne.taAnnetArbeid', options: ARBEIDSEVNE },
      { linkId: 'hva-skal-unngas', text: 'Hva bør pasienten ikke gjøre i arbeidet?', kind: 'text', path: 'funksjonsOgArbeidsevne.hvaSkalUnngas' },
      { linkId: 'hensyn-annet-arbeid', text: 'Hensyn ved annet arbeid eller yrke', kind: 'text', path: 'funksjonsOgArbeidsevne.hensynAnnetArbeid' },
      { linkId: 'funksjonsevne-vurdering', text: 'Beskrivelse av funksjonsevnen', kind: 'text', path: 'funksjonsOgArbeidsevne.vurderingFunksjonsevne' },
      { linkId: 'krav-til-arbeid', text: 'Krav arbeidet stiller', kind: 'text', path: 'funksjonsOgArbeidsevne.kravTilArbeid' },
    ],
  },
  {
    linkId: 'prognose', text: '5. Prognose', item: [
      { linkId: 'prognose-bedre-arbeidsevne', text: 'Vil arbeidsevnen bli bedre?', kind: 'boolean', path: 'prognose.vilForbedreArbeidsevne' },
      { linkId: 'prognose-varighet-sykdom', text: 'Antatt varighet av sykdommen eller skaden', kind: 'string', path: 'prognose.anslattVarighetSykdom' },
      { linkId: 'prognose-varighet-funksjonsnedsettelse', text: 'Antatt varighet av funksjonsnedsettelsen', kind: 'string', path: 'prognose.anslattVarighetFunksjonsnedsettelse' },
      { linkId: 'prognose-varighet-nedsatt-arbeidsevne', text: 'Antatt varighet av nedsatt arbeidsevne', kind: 'string', path: 'prognose.anslattVarighetNedsattArbeidsevne' },
    ],
  },
  { linkId: 'arsakssammenheng', text: '6. Årsakssammenheng mellom funksjonsnedsettelse og nedsatt arbeidsevne', kind: 'text', path: 'arsakssammenheng' },
  { linkId: 'andre-opplysninger', text: '7. Andre opplysninger', kind: 'text', path: 'andreOpplysninger' },
  {
    linkId: 'kontakt', text: '8. Kontakt', item: [
      {
        linkId: 'kontakt-med', text: 'NAV kan ta kontakt med', kind: 'code', path: 'kontakt.kontakt', repeats: true, options: [
          ['BEHANDLENDE_LEGE', 'Behandlende lege'], ['ARBEIDSGIVER', 'Arbeidsgiver'], ['ARBEIDSKONTOR', 'Arbeidskontor'],
          ['BASISGRUPPE', 'Basisgruppe'], ['ANNEN_INSTANS', 'Annen instans'],
        ],
      },
      {
        linkId: 'kontakt-annen-instans', text: 'Hvilken annen instans', kind: 'string', path: 'kontakt.annenInstans',
        enableWhen: { question: 'kontakt-med', answerCode: 'ANNEN_INSTANS' },
      },
      { linkId: 'kontakt-onskes-kopi', text: 'Ønsker kopi av vedtaket', kind: 'boolean', path: 'kontakt.onskesKopiAvVedtak' },
    ],
  },
  {
    linkId: 'forbehold', text: '9. Forbehold', required: true, item: [
      { linkId: 'tilbakehold-innhold', text: 'Er det noe i erklæringen pasienten av medisinske grunner ikke bør få vite?', kind: 'boolean', path: 'forbehold.tilbakeholdInnhold', required: true },
      {
        linkId: 'pasienten-burde-ikke-vite', text: 'Hva pasienten ikke bør få vite', kind: 'text', path: 'forbehold.pasientenBurdeIkkeVite',
        enableWhen: { question: 'tilbakehold-innhold', answerBoolean: true },
      },
    ],
  },
  {
    linkId: 'signatur', text: 'Underskrift', item: [
      { linkId: 'signatur-hpr', text: 'HPR-nummer', kind: 'string', path: 'signatur.hpr' },
      { linkId: 'signatur-fnr', text: 'Fødselsnummer (fra signaturen)', kind: 'string', path: 'signatur.fnr' },
      { linkId: 'signatur-navn', text: 'Navn', kind: 'string', path: 'signatur.navn' },
      { linkId: 'kontor-navn', text: 'Kontorets navn', kind: 'string', path: 'signatur.kontor.navn' },
      { linkId: 'kontor-orgnr', text: 'Kontorets organisasjonsnummer', kind: 'string', path: 'signatur.kontor.orgnr' },
      ...address('kontor', 'signatur.kontor.adresse'),
      { linkId: 'kontor-telefon', text: 'Telefon', kind: 'string', path: 'signatur.kontor.telefon' },
    ],
  },
];

/** The published Questionnaire, rendered from the table. */
export function renderLegeerklaeringQuestionnaire(): Record<string, unknown> {
  return {
    resourceType: 'Questionnaire',
    id: 'helsebro-legeerklaering',
    url: LEGEERKLAERING_QUESTIONNAIRE,
    version: LEGEERKLAERING_QUESTIONNAIRE_VERSION,
    name: 'HelsebroLegeerklaering',
    title: 'Legeerklæring ved arbeidsuførhet (NAV 08-07.08)',
    status: 'active',
    subjectType: ['Patient'],
    publisher: 'Helsebro',
    description: 'Every field of NAV form 08-07.08 (KITH Legeerklaring 2008-06-06). The signature date is QuestionnaireResponse.authored and the sender\'s message id QuestionnaireResponse.identifier. Diagnoses are ICPC-2 or ICD-10 codings. Rendered from src/fhir/mapping/legeerklaering-items.ts.',
    item: LEGEERKLAERING_ITEMS.map(toQuestionnaireItem),
  };
}

function toQuestionnaireItem(i: LegeerklaeringItem): Record<string, unknown> {
  if (isGroup(i)) return { linkId: i.linkId, text: i.text, type: 'group', ...(i.required ? { required: true } : {}), item: i.item.map(toQuestionnaireItem) };
  const enableWhen = i.enableWhen && {
    enableWhen: [{
      question: i.enableWhen.question, operator: '=',
      ...(i.enableWhen.answerCode !== undefined ? { answerCoding: { code: i.enableWhen.answerCode } } : { answerBoolean: i.enableWhen.answerBoolean }),
    }],
  };
  return {
    linkId: i.linkId, text: i.text, type: ITEM_TYPE[i.kind],
    ...(i.required ? { required: true } : {}),
    ...(i.repeats ? { repeats: true } : {}),
    ...enableWhen,
    ...(i.options ? { answerOption: i.options.map(([code, display]) => ({ valueCoding: { code, display } })) } : {}),
  };
}
