/** QuestionnaireResponse ↔ Sykmelding: NAV's syk-inn template, our full form round trip, and problems named by item. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Sykmelding } from '../../src/domain/sykmelding/index.ts';
import { toQuestionnaireResponse, toSykmelding } from '../../src/fhir/mapping/questionnaire-response.ts';

const template = () => JSON.parse(readFileSync(new URL('../../../shared/data/fhir-examples/syk-inn/questionnaire-response-1.json', import.meta.url), 'utf8')) as Record<string, any>;
const refs = { pasientIdent: '12458512345', behandler: { hpr: '1234567' } };

describe('QuestionnaireResponse mapping', () => {
  it("reads NAV's syk-inn template into the domain model", () => {
    const { sykmelding, issues } = toSykmelding(template(), refs);
    assert.deepEqual(issues, []);
    assert.ok(sykmelding);
    assert.deepEqual(sykmelding.hoveddiagnose, { system: '2.16.578.1.12.4.1.1.7110', kode: 'M54.5', tekst: 'Korsryggsmerter' });
    assert.deepEqual(sykmelding.bidiagnoser.map((d) => d.kode), ['F32.0']);
    assert.deepEqual(sykmelding.perioder.map((p) => [p.type, p.fom, p.tom, p.grad]), [
      ['AKTIVITET_IKKE_MULIG', '2026-02-10', '2026-02-24', undefined],
      ['GRADERT', '2026-02-25', '2026-03-24', 60],
    ]);
    assert.deepEqual(sykmelding.yrkesskade, { yrkesskadeDato: '2025-06-15' });
    assert.equal(sykmelding.arbeidsgiver.navn, 'Arbeidsgiver AS');
    assert.equal(sykmelding.signaturDato, '2026-02-10T09:30:00+01:00');
    assert.deepEqual(sykmelding.behandler, { hpr: '1234567' });
  });

  it("accepts NAV's code spelling of the secondary diagnoses (bidiagnoser) and a flat employer item", () => {
    const qr = template();
    qr.item.find((i: any) => i.linkId === 'bidiagnose').linkId = 'bidiagnoser';
    const employer = qr.item.findIndex((i: any) => i.linkId === 'arbeidsforhold');
    qr.item[employer] = { linkId: 'arbeidsforhold', answer: [{ valueString: 'Flat AS' }] };
    const { sykmelding } = toSykmelding(qr, refs);
    assert.deepEqual(sykmelding?.bidiagnoser.map((d) => d.kode), ['F32.0']);
    assert.equal(sykmelding?.arbeidsgiver.navn, 'Flat AS');
  });

  it('round-trips the full sykmelding through our questionnaire', () => {
    const full: Sykmelding = {
      id: 'sm-1', pasient: { ident: refs.pasientIdent },
      hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03', tekst: 'Korsryggsymptomer' },
      bidiagnoser: [{ system: '2.16.578.1.12.4.1.1.7170', kode: 'P76', tekst: 'Depresjon' }],
      annenFravarsgrunn: { grunner: ['SMITTEFARE'], beskrivelse: 'smittsom' },
      svangerskap: true, yrkesskade: { yrkesskadeDato: '2026-01-01' }, skjermesForPasient: false,
      perioder: [
        { fom: '2026-02-01', tom: '2026-02-07', type: 'AKTIVITET_IKKE_MULIG', medisinskArsak: { arsaker: ['TILSTAND_HINDRER_AKTIVITET'], beskrivelse: 'sengeliggende' }, arbeidsrelatertArsak: { arsaker: ['MANGLENDE_TILRETTELEGGING'] } },
        { fom: '2026-02-08', tom: '2026-02-14', type: 'GRADERT', grad: 40, reisetilskudd: true },
        { fom: '2026-02-15', tom: '2026-02-21', type: 'BEHANDLINGSDAGER', behandlingsdager: 2 },
      ],
      prognose: { arbeidsforEtterPeriode: true, hensynArbeidsplassen: 'unngå løft' },
      utdypendeOpplysninger: [{ id: '6.3.1', sporsmal: 'Hvordan?', svar: 'Slik', skjermetForArbeidsgiver: true, skjermetForPasient: true }],
      tiltak: { tiltakArbeidsplassen: 'hev-senk', tiltakNav: 'kurs', andreTiltak: 'fysio' },
      meldingTilNav: { bistandUmiddelbart: true, beskrivBistand: 'haster' },
      meldingTilArbeidsgiver: 'hilsen',
      arbeidsgiver: { harArbeidsgiver: 'EN', navn: 'Bedrift AS', yrkesbetegnelse: 'snekker', stillingsprosent: 80 },
      tilbakedatering: { kontaktDato: '2026-02-01', begrunnelse: 'innlagt på sykehus' },
      behandletTidspunkt: '2026-02-03T10:00:00+01:00', signaturDato: '2026-02-03T10:00:00+01:00',
      syketilfelleStartDato: '2026-02-01', behandler: { hpr: '1234567' },
    };
    const qr = toQuestionnaireResponse(full, { subject: 'Patient/p', author: 'Practitioner/d' });
    const back = toSykmelding({ ...qr, id: 'sm-1' }, refs);
    assert.deepEqual(back.issues, []);
    assert.deepEqual(back.sykmelding, full);
  });

  it('names the item for each problem', () => {
    const noPeriod = template();
    noPeriod.item = noPeriod.item.filter((i: any) => i.linkId !== 'aktivitet');
    assert.match(toSykmelding(noPeriod, refs).issues[0].expression![0], /linkId='aktivitet'/);

    const badReason = template();
    const period = badReason.item.find((i: any) => i.linkId === 'aktivitet');
    period.item.push({ linkId: 'aktivitet-medisinsk-arsak', answer: [{ valueCoding: { code: '7' } }] });
    const r = toSykmelding(badReason, refs);
    assert.equal(r.sykmelding, undefined);
    assert.equal(r.issues[0].code, 'code-invalid');
    assert.match(r.issues[0].diagnostics!, /unknown reason code '7'/);

    const noGrade = template();
    const graded = noGrade.item.filter((i: any) => i.linkId === 'aktivitet')[1];
    graded.item = graded.item.filter((i: any) => i.linkId !== 'aktivitet-grad');
    assert.match(toSykmelding(noGrade, refs).issues[0].diagnostics!, /graded period needs a grade/);

    const unsigned = template();
    delete unsigned.authored;
    assert.equal(toSykmelding(unsigned, refs).issues[0].expression![0], 'QuestionnaireResponse.authored');
  });
});
