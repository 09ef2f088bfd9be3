/** The status lifecycle, expiry and the audience views, as pure functions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedTargets, initialState, isExpired, transition, type StatusEvent, type SykmeldingStatus } from '../../../src/domain/sykmelding/lifecycle.ts';
import { employerView, patientView } from '../../../src/domain/sykmelding/views.ts';
import { sykmelding } from './builders.ts';

const AT = '2026-11-23T10:00:00Z';
const EVENTS: Record<SykmeldingStatus, StatusEvent> = {
  SENDT: { kind: 'SEND', arbeidsgiverOrgnr: '974652277' }, BEKREFTET: { kind: 'BEKREFT' }, AVBRUTT: { kind: 'AVBRYT' }, APEN: { kind: 'GJENAPNE' }, UTGATT: { kind: 'UTLOP' },
};
const STATUSES = Object.keys(EVENTS) as SykmeldingStatus[];

describe('status lifecycle', () => {
  // The reference's table of allowed patient transitions for a normal sykmelding, written out here.
  const REFERENCE: Record<SykmeldingStatus, SykmeldingStatus[]> = {
    APEN: ['BEKREFTET', 'AVBRUTT', 'SENDT', 'APEN', 'UTGATT'],
    BEKREFTET: ['APEN', 'AVBRUTT', 'BEKREFTET', 'SENDT'],
    SENDT: [],
    AVBRUTT: ['APEN', 'SENDT', 'BEKREFTET', 'AVBRUTT'],
    UTGATT: ['AVBRUTT'],
  };

  it('allows exactly the transitions in the reference table, from every status', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const state = { status: from, rejected: false, history: [{ status: from, at: AT, by: 'system' }] };
        const result = transition(state, EVENTS[to], AT, 'pasient');
        assert.equal(result.ok, REFERENCE[from].includes(to), `${from} → ${to}`);
        if (result.ok) assert.equal(result.state.status, to);
      }
      assert.deepEqual([...allowedTargets({ status: from, rejected: false })].sort(), [...REFERENCE[from]].sort());
    }
  });

  it('never lets a sent sykmelding change, and lets a rejected one only be confirmed', () => {
    const sent = { status: 'SENDT' as const, rejected: false, history: [] };
    for (const to of STATUSES) assert.equal(transition(sent, EVENTS[to], AT, 'pasient').ok, false);
    const rejected = initialState(AT, true);
    assert.deepEqual(STATUSES.filter((to) => transition(rejected, EVENTS[to], AT, 'pasient').ok), ['BEKREFTET']);
  });

  it('records who and when, keeps the history and the chosen employer', () => {
    const sent = transition(initialState(AT, false), { kind: 'SEND', arbeidsgiverOrgnr: '974652277', deler: ['prognose'] }, '2026-11-24T08:00:00Z', 'pasient');
    assert.ok(sent.ok);
    assert.deepEqual(sent.state.history, [
      { status: 'APEN', at: AT, by: 'system' },
      { status: 'SENDT', at: '2026-11-24T08:00:00Z', by: 'pasient', arbeidsgiverOrgnr: '974652277', deler: ['prognose'] },
    ]);
    const bad = transition(initialState(AT, false), { kind: 'SEND', arbeidsgiverOrgnr: '12345' }, AT, 'pasient');
    assert.equal(bad.ok, false);
  });

  it('expires an open sykmelding three months after its last day, at month ends too', () => {
    const open = { status: 'APEN' as const };
    assert.equal(isExpired(open, '2026-01-15', '2026-04-15'), false);
    assert.equal(isExpired(open, '2026-01-15', '2026-04-16'), true);
    assert.equal(isExpired(open, '2026-11-30', '2027-02-28'), false, '30 Nov + 3 months = 28 Feb');
    assert.equal(isExpired(open, '2026-11-30', '2027-03-01'), true);
    assert.equal(isExpired(open, '2027-11-30', '2028-02-29'), false, 'leap year: 29 Feb');
    assert.equal(isExpired({ status: 'SENDT' }, '2020-01-01', '2026-01-01'), false);
  });
});

describe('audience views', () => {
  const full = sykmelding({
    bidiagnoser: [{ system: '2.16.578.1.12.4.1.1.7170', kode: 'P76' }],
    perioder: [{ fom: '2026-11-23', tom: '2026-11-30', type: 'AKTIVITET_IKKE_MULIG', medisinskArsak: { arsaker: ['TILSTAND_HINDRER_AKTIVITET'], beskrivelse: 'sengeliggende' } }],
    meldingTilNav: { bistandUmiddelbart: true, beskrivBistand: 'trenger hjelp' },
    meldingTilArbeidsgiver: 'Kan jobbe hjemmefra',
    prognose: { arbeidsforEtterPeriode: true, hensynArbeidsplassen: 'unngå løft' },
    tiltak: { tiltakArbeidsplassen: 'hev-senk-bord', tiltakNav: 'arbeidsrettet tiltak' },
    utdypendeOpplysninger: [{ id: '6.3.1', svar: 'lang historikk', skjermetForArbeidsgiver: true, skjermetForPasient: true }],
    annenFravarsgrunn: { grunner: ['SMITTEFARE'] },
    yrkesskade: { yrkesskadeDato: '2026-11-01' },
    tilbakedatering: { kontaktDato: '2026-11-20', begrunnelse: 'kunne ikke møte' },
  });

  it('never shows the employer diagnoses, medical reasons, the message to NAV or the backdating justification', () => {
    const text = JSON.stringify(employerView(full));
    for (const secret of ['L87', 'P76', 'sengeliggende', 'trenger hjelp', 'arbeidsrettet tiltak', 'lang historikk', 'SMITTEFARE', '2026-11-01', 'kunne ikke møte']) {
      assert.ok(!text.includes(secret), `employer view leaks ${secret}`);
    }
    for (const shown of ['Kan jobbe hjemmefra', 'unngå løft', 'hev-senk-bord', '2026-11-20']) assert.ok(text.includes(shown), `employer view misses ${shown}`);
  });

  it('includes the optional parts only when the patient chose to share them', () => {
    const text = JSON.stringify(employerView(full, []));
    for (const optional of ['Kan jobbe hjemmefra', 'unngå løft', 'hev-senk-bord']) assert.ok(!text.includes(optional));
  });

  it("hides from the patient what the doctor shielded", () => {
    assert.deepEqual(patientView(full).utdypendeOpplysninger, []);
    assert.equal(patientView(full).hoveddiagnose?.kode, 'L87');
    const shielded = patientView({ ...full, skjermesForPasient: true });
    assert.equal(shielded.hoveddiagnose, undefined);
    assert.equal(shielded.meldingTilNav, undefined);
    assert.deepEqual(shielded.perioder, full.perioder);
  });
});
