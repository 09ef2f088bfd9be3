/**
 * Every rule at its threshold and one step past it, each backdating branch, paper mode and the
 * short-circuit order. Each case asserts the status, the rule name and which tree decided.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, type RuleContext, type Sykmelding } from '../../../src/domain/sykmelding/index.ts';
import { addDays, context, godkjenning, PASIENT, sykmelding, tidligere, tilleggskompetanse } from './builders.ts';

interface Case {
  name: string;
  sm?: Partial<Sykmelding>;
  ctx?: Partial<RuleContext>;
  date?: string;
  /** expected overall status and reported rule (undefined = OK) */
  status: 'OK' | 'INVALID' | 'MANUAL_PROCESSING';
  rule?: string;
}

function check(c: Case) {
  const date = c.date ?? '2026-11-23';
  const result = evaluate(sykmelding(c.sm, date), context(c.ctx, date));
  assert.equal(result.status, c.status, `${c.name}: ${result.path}`);
  assert.equal(result.ruleHits[0]?.ruleName, c.rule, `${c.name}: ${result.path}`);
  if (c.rule) {
    assert.ok(result.ruleHits[0].messageForSender.nb.length > 10 && result.ruleHits[0].messageForUser.en.length > 10);
    assert.ok(result.path.endsWith(c.status), result.path);
  }
  return result;
}

const D = '2026-11-23'; // a Monday
const period = (fom: string, tom: string, extra: object = {}) => ({ fom, tom, type: 'AKTIVITET_IKKE_MULIG' as const, ...extra });

const groups: Record<string, Case[]> = {
  'tree 0 — suspension': [
    { name: 'suspended behandler', ctx: { behandler: { suspendert: true, finnesIHpr: true, godkjenninger: [] } }, status: 'INVALID', rule: 'BEHANDLER_SUSPENDERT' },
    { name: 'valid sykmelding', status: 'OK' },
  ],
  'tree 1 — validation': [
    { name: 'orgnr with 9 digits', ctx: { legekontorOrgnr: '123456789' }, status: 'OK' },
    { name: 'orgnr with 8 digits', ctx: { legekontorOrgnr: '12345678' }, status: 'INVALID', rule: 'UGYLDIG_ORGNR_LENGDE' },
    { name: 'orgnr with 10 digits', ctx: { legekontorOrgnr: '1234567890' }, status: 'INVALID', rule: 'UGYLDIG_ORGNR_LENGDE' },
    { name: 'ruleset version 3', sm: { regelsettVersjon: '3' }, status: 'OK' },
    { name: 'ruleset version 4', sm: { regelsettVersjon: '4' }, status: 'INVALID', rule: 'UGYLDIG_REGELSETTVERSJON' },
    { name: 'paper mode skips the rest of validation', sm: { regelsettVersjon: '4' }, ctx: { mode: 'PAPIR' }, status: 'OK' },
    {
      name: 'ruleset 2, a period of exactly 273 days without week-39 answers', sm: { regelsettVersjon: '2', perioder: [period('2026-03-01', addDays('2026-03-01', 273))] },
      ctx: { evaluationDate: '2026-03-01' }, date: '2026-03-01', status: 'OK',
    },
    {
      name: 'ruleset 2, a period of 274 days without week-39 answers', sm: { regelsettVersjon: '2', perioder: [period('2026-03-01', addDays('2026-03-01', 274))] },
      date: '2026-03-01', status: 'INVALID', rule: 'MANGLENDE_DYNAMISKE_SPOERSMAL_VERSJON2_UKE_39',
    },
    {
      name: 'ruleset 2, a period of 274 days with 6.5.1–6.5.4 answered', date: '2026-03-01', status: 'OK',
      sm: {
        regelsettVersjon: '2', perioder: [period('2026-03-01', addDays('2026-03-01', 274))],
        utdypendeOpplysninger: ['6.5.1', '6.5.2', '6.5.3', '6.5.4'].map((id) => ({ id, svar: 'svar', skjermetForArbeidsgiver: true })),
      },
    },
    { name: 'the signer is the patient', ctx: { avsender: { fnr: PASIENT } }, status: 'INVALID', rule: 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR' },
    { name: 'the behandler is the patient', sm: { behandler: { fnr: PASIENT } }, status: 'INVALID', rule: 'BEHANDLER_FNR_ER_SAMME_SOM_PASIENT_FNR' },
  ],
  'tree 2 — periods': [
    { name: 'no periods', sm: { perioder: [] }, status: 'INVALID', rule: 'PERIODER_MANGLER' },
    { name: 'fom equal to tom', sm: { perioder: [period(D, D)] }, status: 'OK' },
    { name: 'fom one day after tom', sm: { perioder: [period(addDays(D, 1), D)] }, status: 'INVALID', rule: 'FRADATO_ETTER_TILDATO' },
    { name: 'next period starts the day after', sm: { perioder: [period(D, addDays(D, 4)), period(addDays(D, 5), addDays(D, 9))] }, status: 'OK' },
    { name: 'next period starts on the last day', sm: { perioder: [period(D, addDays(D, 4)), period(addDays(D, 4), addDays(D, 9))] }, status: 'INVALID', rule: 'OVERLAPPENDE_PERIODER' },
    { name: 'two identical periods are not seen as overlapping', sm: { perioder: [period(D, addDays(D, 4)), period(D, addDays(D, 4))] }, status: 'OK' },
    { name: 'a weekend gap (Fri → Mon)', sm: { perioder: [period(D, addDays(D, 4)), period(addDays(D, 7), addDays(D, 9))] }, status: 'OK' },
    { name: 'a Friday gap (Thu → Mon)', sm: { perioder: [period(D, addDays(D, 3)), period(addDays(D, 7), addDays(D, 9))] }, status: 'INVALID', rule: 'OPPHOLD_MELLOM_PERIODER' },
    { name: 'a period without type', sm: { perioder: [{ fom: D, tom: addDays(D, 3), type: 'UGYLDIG' }] }, status: 'INVALID', rule: 'IKKE_DEFINERT_PERIODE' },
    { name: 'treated exactly one day after receipt', sm: { behandletTidspunkt: '2026-11-24T10:05:00+01:00' }, status: 'OK' },
    { name: 'treated one day and a minute after receipt', sm: { behandletTidspunkt: '2026-11-24T10:06:00+01:00' }, status: 'INVALID', rule: 'BEHANDLINGSDATO_ETTER_MOTTATTDATO' },
    {
      name: 'avventende with another period', status: 'INVALID', rule: 'AVVENTENDE_SYKMELDING_KOMBINERT',
      sm: { perioder: [{ fom: D, tom: addDays(D, 3), type: 'AVVENTENDE', innspillTilArbeidsgiver: 'Kortere dager' }, period(addDays(D, 4), addDays(D, 6))] },
    },
    { name: 'avventende without input', sm: { perioder: [{ fom: D, tom: addDays(D, 3), type: 'AVVENTENDE', innspillTilArbeidsgiver: '  ' }] }, status: 'INVALID', rule: 'MANGLENDE_INNSPILL_TIL_ARBEIDSGIVER' },
    { name: 'avventende for 17 days (tom − fom = 16)', sm: { perioder: [{ fom: D, tom: addDays(D, 16), type: 'AVVENTENDE', innspillTilArbeidsgiver: 'Tilpasset arbeid' }] }, status: 'OK' },
    { name: 'avventende for 18 days (tom − fom = 17)', sm: { perioder: [{ fom: D, tom: addDays(D, 17), type: 'AVVENTENDE', innspillTilArbeidsgiver: 'Tilpasset arbeid' }] }, status: 'INVALID', rule: 'AVVENTENDE_SYKMELDING_OVER_16_DAGER' },
    { name: 'two treatment days in one week', sm: { perioder: [{ fom: D, tom: addDays(D, 6), type: 'BEHANDLINGSDAGER', behandlingsdager: 2 }] }, status: 'INVALID', rule: 'FOR_MANGE_BEHANDLINGSDAGER_PER_UKE' },
    { name: 'two treatment days over eight days', sm: { perioder: [{ fom: D, tom: addDays(D, 7), type: 'BEHANDLINGSDAGER', behandlingsdager: 2 }] }, status: 'MANUAL_PROCESSING', rule: 'SYKMELDING_MED_BEHANDLINGSDAGER' },
    { name: 'graded 99 %', sm: { perioder: [period(D, addDays(D, 6), { type: 'GRADERT', grad: 99 })] }, status: 'OK' },
    { name: 'graded 100 %', sm: { perioder: [period(D, addDays(D, 6), { type: 'GRADERT', grad: 100 })] }, status: 'INVALID', rule: 'GRADERT_SYKMELDING_OVER_99_PROSENT' },
    { name: 'graded 1 %', sm: { perioder: [period(D, addDays(D, 6), { type: 'GRADERT', grad: 1 })] }, status: 'OK' },
    { name: 'graded 0 %', sm: { perioder: [period(D, addDays(D, 6), { type: 'GRADERT', grad: 0 })] }, status: 'INVALID', rule: 'GRADERT_SYKMELDING_0_PROSENT' },
  ],
  'tree 3 — HPR': [
    { name: 'not in HPR', ctx: { behandler: { suspendert: false, finnesIHpr: false, godkjenninger: [] } }, status: 'INVALID', rule: 'BEHANDLER_IKKE_I_HPR' },
    {
      name: 'no active authorisation', status: 'INVALID', rule: 'BEHANDLER_IKKE_GYLDIG_I_HPR',
      ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('LE', { autorisasjon: { aktiv: false, oid: 7704, verdi: '1' } })] } },
    },
    {
      name: 'authorisation value 3 (removed)', status: 'INVALID', rule: 'BEHANDLER_MANGLER_AUTORISASJON_I_HPR',
      ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('LE', { autorisasjon: { aktiv: true, oid: 7704, verdi: '3' } })] } },
    },
    { name: 'LIS1 licence (18)', status: 'OK', ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('LE', { autorisasjon: { aktiv: true, oid: 7704, verdi: '18' } })] } } },
    { name: 'dentist', status: 'OK', ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('TL')] } } },
    { name: 'psychologist', status: 'INVALID', rule: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR', ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('PS')] } } },
    { name: 'manual therapist, 84 days', status: 'OK', sm: { perioder: [period(D, addDays(D, 84))] }, ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('MT')] } } },
    {
      name: 'manual therapist, 85 days', status: 'INVALID', rule: 'BEHANDLER_MT_FT_KI_OVER_12_UKER', sm: { perioder: [period(D, addDays(D, 85))] },
      ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('MT')] } },
    },
    { name: 'physiotherapist without extra competence', status: 'INVALID', rule: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR', ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('FT')] } } },
    {
      name: 'physiotherapist with extra competence valid from the signature date', status: 'OK',
      ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('FT', { tilleggskompetanse: [tilleggskompetanse(D)] })] } },
    },
    {
      name: 'physiotherapist with extra competence valid from the day after', status: 'INVALID', rule: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR',
      ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('FT', { tilleggskompetanse: [tilleggskompetanse(addDays(D, 1))] })] } },
    },
    {
      name: 'physiotherapist whose extra competence ended the day before', status: 'INVALID', rule: 'BEHANDLER_IKKE_LE_KI_MT_TL_FT_I_HPR',
      ctx: { behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('FT', { tilleggskompetanse: [tilleggskompetanse('2020-01-01', addDays(D, -1))] })] } },
    },
    {
      name: 'chiropractor, 85 days counted from an earlier sykmelding in the same case', status: 'INVALID', rule: 'BEHANDLER_MT_FT_KI_OVER_12_UKER',
      sm: { perioder: [period(D, addDays(D, 13))] },
      ctx: {
        behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('KI', { tilleggskompetanse: [tilleggskompetanse('2020-01-01')] })] },
        tidligereSykmeldinger: [tidligere(addDays(D, -72), addDays(D, -1))],
      },
    },
    {
      name: 'chiropractor, 84 days counted from an earlier sykmelding', status: 'OK',
      sm: { perioder: [period(D, addDays(D, 13))] },
      ctx: {
        behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [godkjenning('KI', { tilleggskompetanse: [tilleggskompetanse('2020-01-01')] })] },
        tidligereSykmeldinger: [tidligere(addDays(D, -71), addDays(D, -1))],
      },
    },
  ],
  'tree 4 — work incapacity': [
    { name: 'no diagnosis and no other reason', sm: { hoveddiagnose: undefined }, status: 'INVALID', rule: 'FRAVAERSGRUNN_MANGLER' },
    { name: 'no diagnosis, another reason with a description only', sm: { hoveddiagnose: undefined, annenFravarsgrunn: { grunner: [], beskrivelse: 'Innlagt' } }, status: 'OK' },
    { name: 'no diagnosis, another reason with a code', sm: { hoveddiagnose: undefined, annenFravarsgrunn: { grunner: ['SMITTEFARE'] } }, status: 'OK' },
    { name: 'unknown code system', sm: { hoveddiagnose: { system: '2.16.578.1.12.4.1.1.9999', kode: 'L87' } }, status: 'INVALID', rule: 'UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE' },
    { name: 'code not in the loaded list', ctx: { isKnownCode: () => false }, status: 'INVALID', rule: 'UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE' },
    { name: 'code list not loaded: only the system is checked', ctx: { isKnownCode: () => undefined }, status: 'OK' },
    { name: 'ICPC-2 Z diagnosis', sm: { hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'Z01' } }, status: 'INVALID', rule: 'ICPC_2_Z_DIAGNOSE' },
    { name: 'ICPC-2B Z diagnosis', sm: { hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7171', kode: 'Z01.0001' } }, status: 'INVALID', rule: 'ICPC_2_Z_DIAGNOSE' },
    { name: 'ICD-10 Z diagnosis is not caught', sm: { hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7110', kode: 'Z00.0' } }, status: 'OK' },
    { name: 'secondary diagnosis with an unknown system', sm: { bidiagnoser: [{ system: 'urn:x', kode: 'A' }] }, status: 'INVALID', rule: 'UGYLDIG_KODEVERK_FOR_BIDIAGNOSE' },
    { name: 'no diagnosis, other reason, bad secondary diagnosis', sm: { hoveddiagnose: undefined, annenFravarsgrunn: { grunner: ['ABORT'] }, bidiagnoser: [{ system: 'urn:x', kode: 'A' }] }, status: 'INVALID', rule: 'UGYLDIG_KODEVERK_FOR_BIDIAGNOSE' },
  ],
  'tree 5 — patient under 13': [
    { name: 'turns 13 on the last day', ctx: { pasient: { fodselsdato: '2013-12-06' } }, sm: { perioder: [period(D, '2026-12-06')] }, status: 'OK' },
    { name: 'turns 13 the day after the last day', ctx: { pasient: { fodselsdato: '2013-12-07' } }, sm: { perioder: [period(D, '2026-12-06')] }, status: 'INVALID', rule: 'PASIENT_YNGRE_ENN_13' },
    { name: 'born 29 Feb: 13 on 28 Feb', date: '2025-02-20', ctx: { pasient: { fodselsdato: '2012-02-29' } }, sm: { perioder: [period('2025-02-20', '2025-02-28')] }, status: 'OK' },
    { name: 'born 29 Feb: still 12 on 27 Feb', date: '2025-02-20', ctx: { pasient: { fodselsdato: '2012-02-29' } }, sm: { perioder: [period('2025-02-20', '2025-02-27')] }, status: 'INVALID', rule: 'PASIENT_YNGRE_ENN_13' },
  ],
  'tree 6 — dates': [
    { name: 'starts 30 days after signing', sm: { perioder: [period(addDays(D, 30), addDays(D, 35))] }, status: 'OK' },
    { name: 'starts 31 days after signing', sm: { perioder: [period(addDays(D, 31), addDays(D, 35))] }, status: 'INVALID', rule: 'FREMDATERT' },
    { name: 'starts exactly three years before today', ctx: { evaluationDate: '2029-11-23' }, sm: { perioder: [period(D, addDays(D, 5))] }, status: 'OK' },
    { name: 'starts three years and a day before today', ctx: { evaluationDate: '2029-11-24' }, sm: { perioder: [period(D, addDays(D, 5))] }, status: 'INVALID', rule: 'TILBAKEDATERT_MER_ENN_3_AR' },
    { name: 'lasts 365 days (tom − fom)', sm: { perioder: [period(D, addDays(D, 365))] }, status: 'OK' },
    { name: 'lasts 366 days (tom − fom)', sm: { perioder: [period(D, addDays(D, 366))] }, status: 'INVALID', rule: 'TOTAL_VARIGHET_OVER_ETT_AAR' },
  ],
};

// Backdating: signed on S, period starting F = S − n days.
const S = '2026-11-23';
const backdated = (days: number, over: Partial<Sykmelding> = {}, lengthDays = 13): Partial<Sykmelding> => ({
  perioder: [period(addDays(S, -days), addDays(S, -days + lengthDays))],
  ...over,
});
const begrunnelse = (text: string) => ({ tilbakedatering: { begrunnelse: text } });

groups['tree 7 — backdating'] = [
  { name: 'not backdated (signed on fom)', sm: backdated(0), status: 'OK' },
  { name: 'specialist care (ICD-10) is never refused', sm: backdated(40, { hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7110', kode: 'M54.5' } }), status: 'OK' },
  { name: 'backdated 4 days without justification', sm: backdated(4), status: 'OK' },
  { name: 'backdated 5 days without justification', sm: backdated(5), status: 'INVALID', rule: 'INNTIL_8_DAGER' },
  { name: 'backdated 8 days with a one-word justification', sm: backdated(8, begrunnelse('Influensa')), status: 'OK' },
  { name: 'backdated 8 days, justification without letters', sm: backdated(8, begrunnelse('12344….12')), status: 'INVALID', rule: 'INNTIL_8_DAGER' },
  {
    name: 'backdated 8 days without justification, but an extension', sm: backdated(8), status: 'OK',
    ctx: { tidligereSykmeldinger: [tidligere(addDays(S, -20), addDays(S, -9))] },
  },
  {
    name: 'backdated 8 days, re-sent (ettersending)', sm: backdated(8), status: 'OK',
    ctx: { tidligereSykmeldinger: [tidligere(addDays(S, -8), addDays(S, 5))] },
  },
  { name: 'backdated 9 days without justification', sm: backdated(9), status: 'INVALID', rule: 'MINDRE_ENN_1_MAANED' },
  { name: 'backdated 9 days, justified, within the employer period', sm: backdated(9, begrunnelse('Pasienten var innlagt'), 13), status: 'OK' },
  { name: 'backdated 9 days, justified, beyond the employer period', sm: backdated(9, begrunnelse('Pasienten var innlagt'), 20), status: 'MANUAL_PROCESSING', rule: 'MINDRE_ENN_1_MAANED_MED_BEGRUNNELSE' },
  {
    name: 'backdated 9 days, justified, extension of an earlier one', sm: backdated(9, begrunnelse('Pasienten var innlagt'), 20), status: 'OK',
    ctx: { tidligereSykmeldinger: [tidligere(addDays(S, -25), addDays(S, -10))] },
  },
];

describe('sykmelding rules', () => {
  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      for (const c of cases) it(`${c.name} → ${c.status}${c.rule ? ` ${c.rule}` : ''}`, () => void check(c));
    });
  }

  describe('backdating by one month (java.time month arithmetic)', () => {
    const F = '2024-07-30';
    const run = (signed: string, text?: string) =>
      evaluate(
        sykmelding({ perioder: [period(F, '2024-09-15')], signaturDato: `${signed}T10:00:00+02:00`, behandletTidspunkt: `${signed}T10:00:00+02:00`, ...(text ? begrunnelse(text) : {}) }, signed),
        context({ mottattDato: `${signed}T10:05:00+02:00` }, signed),
      );
    it('signed 30 Aug is less than a month: justified goes to manual review', () => {
      const r = run('2024-08-30', 'Pasienten var innlagt');
      assert.equal(r.status, 'MANUAL_PROCESSING');
      assert.equal(r.ruleHits[0].ruleName, 'MINDRE_ENN_1_MAANED_MED_BEGRUNNELSE');
      assert.match(r.path, /TILBAKEDATERT_MINDRE_ENN_1_MAANED\(yes\)/);
    });
    it('signed 31 Aug is over a month: three words go to manual review', () => {
      const r = run('2024-08-31', 'Pasienten var innlagt');
      assert.equal(r.ruleHits[0].ruleName, 'OVER_1_MND_MED_BEGRUNNELSE');
      assert.match(r.path, /TILBAKEDATERT_MINDRE_ENN_1_MAANED\(no\)->BEGRUNNELSE_MIN_3_ORD\(yes\)->MANUAL_PROCESSING/);
    });
    it('signed 31 Aug with two words is refused', () => {
      assert.equal(run('2024-08-31', 'Var innlagt').ruleHits[0].ruleName, 'OVER_1_MND');
    });
    it('signed 31 Aug with "Dårlig begrunnels>:(" counts two words and is refused', () => {
      assert.equal(run('2024-08-31', 'Dårlig begrunnels>:(').ruleHits[0].ruleName, 'OVER_1_MND');
    });
  });

  describe('evaluation order and modes', () => {
    it('stops at the first tree that is not OK', () => {
      const r = evaluate(sykmelding({ perioder: [] }), context({ behandler: { suspendert: false, finnesIHpr: false, godkjenninger: [] } }));
      assert.deepEqual(r.trees.map((t) => t.tree), ['SUSPENSJON', 'VALIDERING', 'PERIODER']);
      assert.equal(r.ruleHits.length, 1);
    });

    it('runs all eight trees in NAV order when everything is OK', () => {
      const r = evaluate(sykmelding(), context());
      assert.deepEqual(r.trees.map((t) => t.tree), ['SUSPENSJON', 'VALIDERING', 'PERIODER', 'HPR', 'ARBEIDSUFORHET', 'PASIENT_UNDER_13', 'DATO', 'TILBAKEDATERING']);
      assert.equal(r.trees[3].juridisk?.paragraf, '8-7');
      assert.equal(r.path.split(' | ').length, 8);
    });

    it('paper mode turns INVALID into MANUAL_PROCESSING with the same rule', () => {
      const normal = evaluate(sykmelding({ perioder: [period(addDays(S, -5), addDays(S, 8))] }), context());
      const paper = evaluate(sykmelding({ perioder: [period(addDays(S, -5), addDays(S, 8))] }), context({ mode: 'PAPIR' }));
      assert.equal(normal.status, 'INVALID');
      assert.equal(paper.status, 'MANUAL_PROCESSING');
      assert.equal(paper.ruleHits[0].ruleName, normal.ruleHits[0].ruleName);
    });

    it('records the path and the inputs the rules read', () => {
      const r = evaluate(sykmelding({ perioder: [period(addDays(S, -6), addDays(S, 8))] }), context());
      const tree = r.trees.at(-1)!;
      assert.equal(tree.pathText, 'TILBAKEDATERING(yes)->SPESIALISTHELSETJENESTEN(no)->ETTERSENDING(no)->TILBAKEDATERT_INNTIL_4_DAGER(no)->TILBAKEDATERT_INNTIL_8_DAGER(yes)->BEGRUNNELSE_MIN_1_ORD(no)->FORLENGELSE(no)->INVALID');
      assert.equal(tree.inputs.dagerTilbake, 6);
      assert.equal(r.facts.forlengelse, false);
    });
  });
});
