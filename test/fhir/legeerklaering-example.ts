/** A legeerklæring with every field filled in, for the synthetic example patient and GP of fhir/examples/. */
import type { Legeerklaering } from '../../src/domain/legeerklaering/index.ts';

export const FULL_LEGEERKLAERING: Legeerklaering = {
  msgId: 'b1a5e3c2-7d4f-4e8a-9c61-0f2d8e4a7b35',
  mottattTidspunkt: '2026-11-23T09:25:00+01:00',
  gjelder: 'ARBEIDSAVKLARINGSPENGER',
  pasient: {
    fornavn: 'Kari', mellomnavn: 'Eksempel', etternavn: 'Nordmann', fnr: '07838412305', navKontor: 'NAV Eksempel',
    adresse: { gateadresse: 'Eksempelveien 1', postnummer: '0150', poststed: 'Oslo', land: 'Norge' }, telefon: '+47 99 00 00 00',
    yrke: 'Lagermedarbeider', yrkeskode: '9333101', flereArbeidsforhold: 'NEI',
    arbeidsgiver: {
      navn: 'Eksempel Lager AS', orgnr: '974652277', primartArbeidsforhold: true,
      adresse: { gateadresse: 'Lagerveien 2', postnummer: '0151', poststed: 'Oslo', land: 'Norge' },
    },
  },
  plan: {
    utredning: { tekst: 'MR av lumbalcolumna, Eksempel sykehus', dato: '2026-11-02', antattVentetidUker: 6 },
    behandling: { tekst: 'Fysioterapi, Eksempel fysioterapi', dato: '2026-10-12', antattVentetidUker: 2 },
    utredningsplan: 'Vurdering hos ryggpoliklinikk etter MR.',
    behandlingsplan: 'Fysioterapi to ganger i uken i åtte uker, deretter egentrening.',
    vurderingAvTidligerePlan: 'Planen fra august er fulgt; effekten er begrenset.',
    narSporreOmNyeLegeopplysninger: 'Om tre måneder',
    videreBehandlingIkkeAktueltGrunn: 'Operasjon er vurdert og ikke aktuelt nå.',
  },
  sykdomsopplysninger: {
    hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03', tekst: 'Korsryggsymptomer/plager' },
    bidiagnoser: [{ system: '2.16.578.1.12.4.1.1.7170', kode: 'P76', tekst: 'Depressiv lidelse' }],
    arbeidsuforFra: '2026-08-03',
    sykdomshistorie: 'Gradvis økende smerter i korsryggen siden våren, nå med utstråling til venstre ben. Sykmeldt siden august.',
    statusPresens: 'Nedsatt bevegelighet i lumbalcolumna, positiv Lasègue venstre ved 45 grader. Ingen pareser.',
    borNavVurdereYrkesskade: true,
    yrkesskadeDato: '2026-04-14',
  },
  forslagTilTiltak: {
    behov: true,
    tiltak: ['HJELPEMIDLER_ARBEIDSPLASSEN', 'ANDRE_TILTAK'],
    andreTiltak: 'Arbeidsrettet rehabilitering.',
    opplysninger: 'Tilpasset løfteutstyr på lageret vil avlaste ryggen.',
    begrensninger: 'Tiltakene forutsetter at pasienten ikke løfter over 10 kg.',
  },
  funksjonsOgArbeidsevne: {
    arbeidssituasjon: ['INNTEKTSGIVENDE_ARBEID', 'ANNET'],
    annenArbeidssituasjon: 'Frivillig arbeid i idrettslag',
    gjenopptaTidligereArbeid: 'ETTER_BEHANDLING',
    taAnnetArbeid: 'NA',
    hvaSkalUnngas: 'Tunge løft og langvarig foroverbøyd arbeid.',
    hensynAnnetArbeid: 'Arbeid med mulighet for å veksle mellom å sitte og stå.',
    vurderingFunksjonsevne: 'Kan gå 2 km, sitte 30 minutter om gangen.',
    kravTilArbeid: 'Lagerarbeidet krever gjentatte løft opp til 25 kg.',
  },
  prognose: {
    vilForbedreArbeidsevne: true,
    anslattVarighetSykdom: '6 måneder',
    anslattVarighetFunksjonsnedsettelse: '6–12 måneder',
    anslattVarighetNedsattArbeidsevne: '6 måneder',
  },
  arsakssammenheng: 'Smertene og den nedsatte bevegeligheten er hovedårsaken til at arbeidsevnen er nedsatt.',
  andreOpplysninger: 'Pasienten er motivert for å komme tilbake i arbeid.',
  kontakt: { kontakt: ['BEHANDLENDE_LEGE', 'ARBEIDSGIVER', 'ANNEN_INSTANS'], annenInstans: 'Eksempel fysioterapi', onskesKopiAvVedtak: true },
  forbehold: { tilbakeholdInnhold: true, pasientenBurdeIkkeVite: 'Vurderingen av depressiv lidelse bør formidles av fastlegen.' },
  signatur: {
    dato: '2026-11-23T09:20:00+01:00', hpr: '9144889', fnr: '21857810004', navn: 'Lise Lege',
    kontor: { navn: 'Eksempel legekontor', orgnr: '974652277', adresse: { gateadresse: 'Legeveien 3', postnummer: '0152', poststed: 'Oslo', land: 'Norge' }, telefon: '+47 22 00 00 00' },
  },
};

export const EXAMPLE_REFS = { id: 'eksempel-legeerklaering', subject: 'Patient/eksempel-pasient', author: 'Practitioner/eksempel-lege' };
