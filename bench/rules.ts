/**
 * Rule evaluation on one core: µs per `evaluate(sykmelding, context)` for a plain sykmelding and
 * for a backdated extension with earlier sykmeldinger (every tree runs, helper facts computed),
 * each next to a baseline measured in the same run (a structuredClone of the same sykmelding).
 */
import { evaluate, type RuleContext, type Sykmelding } from '../src/domain/sykmelding/index.ts';

const LEGE = { autorisasjon: { aktiv: true, oid: 7704, verdi: '1' }, helsepersonellkategori: { aktiv: true, oid: 9060, verdi: 'LE' }, tilleggskompetanse: [] };

function plain(): Sykmelding {
  return {
    id: 'bench', pasient: { ident: '12458512345' },
    hoveddiagnose: { system: '2.16.578.1.12.4.1.1.7170', kode: 'L03' }, bidiagnoser: [],
    svangerskap: false, skjermesForPasient: false,
    perioder: [{ fom: '2026-11-23', tom: '2026-12-06', type: 'AKTIVITET_IKKE_MULIG' }],
    utdypendeOpplysninger: [], arbeidsgiver: { harArbeidsgiver: 'EN' },
    behandletTidspunkt: '2026-11-23T09:00:00+01:00', signaturDato: '2026-11-23T09:00:00+01:00', behandler: { hpr: '1234567' },
  };
}

function context(earlier: RuleContext['tidligereSykmeldinger']): RuleContext {
  return {
    evaluationDate: '2026-11-23', mode: 'NORMAL', mottattDato: '2026-11-23T09:05:00+01:00',
    pasient: { fodselsdato: '1985-04-12' }, behandler: { suspendert: false, finnesIHpr: true, godkjenninger: [LEGE] },
    tidligereSykmeldinger: earlier,
  };
}

/**
 * µs per call: the fastest of ten rounds (after a warm-up). On a shared machine other work only
 * ever adds time, so the minimum is the steadiest estimate of the code's own cost.
 */
function measure(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < iterations / 10; i++) fn();
  const rounds = 10;
  const perRound = Math.ceil(iterations / rounds);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1000 / perRound);
  }
  return best;
}

export function benchRuleEvaluation(iterations = 200_000): string[] {
  const simple = plain();
  const backdated: Sykmelding = {
    ...plain(),
    perioder: [{ fom: '2026-11-10', tom: '2026-11-30', type: 'GRADERT', grad: 50 }],
    tilbakedatering: { kontaktDato: '2026-11-10', begrunnelse: 'Pasienten var innlagt og kunne ikke komme' },
  };
  const earlier = Array.from({ length: 6 }, (_, k) => ({
    id: `e${k}`, status: 'OK' as const, merknader: [], hoveddiagnoseKode: 'L03',
    perioder: [{ fom: `2026-${String(4 + k).padStart(2, '0')}-01`, tom: `2026-${String(4 + k).padStart(2, '0')}-20`, type: 'AKTIVITET_IKKE_MULIG' as const }],
  }));
  const rows: Array<[string, number, number]> = [];
  for (const [name, sm, ctx] of [['plain sykmelding', simple, context([])], ['backdated, 6 earlier sykmeldinger', backdated, context(earlier)]] as const) {
    const us = measure(() => evaluate(sm, ctx), iterations);
    const base = measure(() => structuredClone(sm), iterations);
    rows.push([name, us, base]);
  }
  return [
    '### Rule evaluation (one core)',
    '',
    '| case | µs per evaluation | baseline: structuredClone µs | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(([name, us, base]) => `| ${name} | ${us.toFixed(2)} | ${base.toFixed(2)} | ${(us / base).toFixed(1)}× |`),
  ];
}
