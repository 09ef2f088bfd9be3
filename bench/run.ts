/**
 * `npm run bench`: throughput and latency of Helsebro's interactions over loopback HTTP, on each
 * store, each as a ratio to this machine's ceiling measured in the same run (a bare Fastify route
 * serving a stored document, doing one primary-key SELECT, doing one INSERT, on the same database).
 *
 * Options (env): BENCH_STORES=pglite,postgres  BENCH_PATIENTS=20000 (≈100,000 resources with 4
 * observations each)  BENCH_SECONDS=3  BENCH_CONCURRENCY=1,8,32  BENCH_DATABASE_URL=postgres://…
 * For 1,000,000+ resources: BENCH_PATIENTS=200000 (see docs/performance.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { makeSyntheticIdent } from '../src/domain/identity/index.ts';
import { CODES, LOINC, newPatient, sykmeldingSubmission, transactionBundle } from './fixtures.ts';
import { benchRuleEvaluation } from './rules.ts';
import { runLoad, type BenchRequest, type LoadResult } from './load.ts';

const stores = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',').filter((s) => s === 'pglite' || s === 'postgres');
const patients = Number(process.env.BENCH_PATIENTS ?? 20000);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const levels = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : undefined;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The bench server: Helsebro (`--insecure-dev`), Helsebro with authorisation and audit, the same
 * with its audit records not stored (to split the cost), and the ceiling app.
 */
interface Child { proc: ChildProcess; port: number; authPort: number; ceilingPort: number; unauditedPort: number }

function startChild(args: string[]): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+) (\d+) (\d+) (\d+)/.exec(out);
      if (m) resolve({ proc, port: Number(m[1]), authPort: Number(m[2]), ceilingPort: Number(m[3]), unauditedPort: Number(m[4]) });
    });
    proc.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function stop(child: Child) {
  child.proc.removeAllListeners('exit');
  child.proc.kill('SIGTERM');
  await new Promise((r) => child.proc.once('exit', r));
}

let fnrCounter = 0;
function freshFnr(): string {
  for (;;) {
    const n = fnrCounter++;
    const day = 1 + (n % 28);
    const year = 1940 + (Math.floor(n / 28) % 60);
    const ident = makeSyntheticIdent(`${year}-03-${String(day).padStart(2, '0')}`, 100 + (Math.floor(n / 1680) % 399));
    if (ident) return ident;
  }
}

type Scenario = { name: string; ceiling: 'static' | 'select' | 'insert'; make: (w: number, n: number) => BenchRequest };

/** The patient-scoped token search (`Observation?subject=…&code=…`) over the patients `patientOf` picks. */
function tokenSearch(patientOf: (w: number, n: number) => string): Scenario['make'] {
  return (w, n) => ({ method: 'GET', path: `/fhir/Observation?subject=Patient/${patientOf(w, n)}&code=${encodeURIComponent(`${LOINC}|${CODES[n % CODES.length]}`)}` });
}

function scenarios(samples: Array<{ id: string; fnr: string }>, doctors: string[]): Scenario[] {
  const pick = (w: number, n: number) => samples[(w * 7919 + n * 104729) % samples.length];
  const updatable = samples.slice(0, 64);
  const sykmelding = (operation: '$submit' | '$dry-run'): Scenario['make'] => (w, n) => {
    const s = pick(w, n);
    const body = sykmeldingSubmission(s.id, s.fnr, doctors[(w + n) % doctors.length], 60 + w * 200_000 + n);
    return { method: 'POST', path: `/fhir/QuestionnaireResponse/${operation}`, body: JSON.stringify(body) };
  };
  return [
    { name: 'read', ceiling: 'select', make: (w, n) => ({ method: 'GET', path: `/fhir/Patient/${pick(w, n).id}` }) },
    { name: 'create', ceiling: 'insert', make: (_w, n) => ({ method: 'POST', path: '/fhir/Patient', body: JSON.stringify(newPatient(freshFnr(), n)), headers: { prefer: 'return=minimal' } }) },
    {
      name: 'update', ceiling: 'insert',
      make: (w, n) => {
        const s = updatable[w % updatable.length];
        return { method: 'PUT', path: `/fhir/Patient/${s.id}`, body: JSON.stringify({ ...newPatient(s.fnr, n), id: s.id }), headers: { prefer: 'return=minimal' } };
      },
    },
    { name: 'search token (patient-scoped)', ceiling: 'select', make: tokenSearch((w, n) => pick(w, n).id) },
    {
      name: 'search date range', ceiling: 'select',
      make: (_w, n) => {
        const day = 1 + (n % 300);
        const d = (x: number) => new Date(Date.UTC(2024, 0, x)).toISOString().slice(0, 10);
        return { method: 'GET', path: `/fhir/Observation?date=ge${d(day)}&date=lt${d(day + 1)}&_count=20` };
      },
    },
    {
      name: 'search chained', ceiling: 'select',
      make: (w, n) => ({ method: 'GET', path: `/fhir/Observation?subject:Patient.identifier=${encodeURIComponent(`urn:oid:2.16.578.1.12.4.1.4.1|${pick(w, n).fnr}`)}` }),
    },
    {
      name: 'search with _include', ceiling: 'select',
      make: (w, n) => ({ method: 'GET', path: `/fhir/Observation?subject=Patient/${pick(w, n).id}&_include=Observation:subject` }),
    },
    // Each worker signs its sykmeldinger at distinct past seconds, so none is a duplicate.
    { name: 'sykmelding $submit', ceiling: 'insert', make: sykmelding('$submit') },
    // Live feedback while the doctor writes: the draft is checked, nothing is stored.
    { name: 'sykmelding $dry-run', ceiling: 'select', make: sykmelding('$dry-run') },
    {
      name: 'transaction (3 entries)', ceiling: 'insert',
      make: (_w, n) => ({ method: 'POST', path: '/fhir', body: JSON.stringify(transactionBundle(freshFnr(), n)), headers: { prefer: 'return=minimal' } }),
    },
  ];
}

type CeilingRoute = Scenario['ceiling'];

/** One run of a ceiling route at `c` clients. */
async function ceilingRun(child: Child, route: CeilingRoute, c: number, duration = seconds): Promise<LoadResult> {
  const make = {
    static: () => ({ method: 'GET', path: '/static' }),
    select: (w: number, n: number) => ({ method: 'GET', path: `/select/${(w * 31 + n) % 100}` }),
    insert: () => ({ method: 'POST', path: '/insert', body: '{}' }),
  }[route];
  const result = await runLoad(child.ceilingPort, c, duration, make);
  // A ceiling that answers errors measures the error path, not the work it stands for: stop here.
  if (result.errors) throw new Error(`The ${route} ceiling route failed ${result.errors} times: ${result.firstError}`);
  return result;
}

/** Every ceiling route at every level (the reference table printed after the scenarios). */
async function ceilings(child: Child): Promise<Map<string, LoadResult>> {
  const results = new Map<string, LoadResult>();
  for (const c of levels) {
    for (const route of ['static', 'select', 'insert'] as const) results.set(`${route}@${c}`, await ceilingRun(child, route, c));
  }
  return results;
}

/**
 * The read and search scenarios on the app with authentication and audit on, each right after the
 * same load on the `--insecure-dev` app, so a drift in the machine's speed hits both alike; then on
 * the app that authorises alike but does not store its audit records, which splits the cost.
 */
interface BenchTokens { system: string; gp: string; /** Patients on that GP's list. */ gpPatients: string[] }

async function authCost(child: Child, all: Scenario[], tokens: BenchTokens) {
  const out: Array<{ name: string; token: string; c: number; r: LoadResult; base: LoadResult; unaudited: LoadResult }> = [];
  const withToken = (token: string, make: Scenario['make']): Scenario['make'] => (w, n) => {
    const req = make(w, n);
    return { ...req, headers: { ...(req.headers ?? {}), authorization: `Bearer ${token}` } };
  };
  const read = all.find((x) => x.name === 'read')!.make;
  const search = all.find((x) => x.name === 'search token (patient-scoped)')!.make;
  const ownSearch = tokenSearch((w, n) => tokens.gpPatients[(w * 7919 + n * 104729) % tokens.gpPatients.length]);
  const cases: Array<{ name: string; token: string; make: Scenario['make']; authorised: Scenario['make'] }> = [
    { name: 'read', token: 'system', make: read, authorised: withToken(tokens.system, read) },
    { name: 'search token (patient-scoped)', token: 'system', make: search, authorised: withToken(tokens.system, search) },
    // As a GP, on patients on their own list (what a GP's app asks): the search statement carries
    // the GP's need-to-know condition, and it holds for every row.
    { name: 'search token (patient-scoped)', token: 'GP, own patients', make: ownSearch, authorised: withToken(tokens.gp, ownSearch) },
    // As a GP, on any patient (most are not theirs): the same condition, which most rows fail.
    { name: 'search token (patient-scoped)', token: 'GP, any patient (access SQL)', make: search, authorised: withToken(tokens.gp, search) },
  ];
  // Warm-up (not reported), as for the scenarios: both authorised apps compile their paths and prepare their statements.
  for (const c of cases) {
    for (const port of [child.authPort, child.unauditedPort]) await runLoad(port, 2, 0.5, c.authorised);
  }
  for (const c of cases) {
    for (const level of levels) {
      const base = await runLoad(child.port, level, seconds, c.make);
      const r = await runLoad(child.authPort, level, seconds, c.authorised);
      const unaudited = await runLoad(child.unauditedPort, level, seconds, c.authorised);
      const errors = r.errors ? ` errors ${r.errors}: ${r.firstError}` : unaudited.errors ? ` errors (audit not stored) ${unaudited.errors}: ${unaudited.firstError}` : '';
      console.error(`[auth] ${c.name} (${c.token}) @${level}: ${r.rps.toFixed(0)} req/s p99 ${r.p99.toFixed(2)} ms (--insecure-dev ${base.rps.toFixed(0)} req/s, audit not stored ${unaudited.rps.toFixed(0)} req/s)${errors}`);
      out.push({ name: c.name, token: c.token, c: level, r, base, unaudited });
    }
  }
  return out;
}

function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

async function benchStore(store: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'helsebro-bench-'));
  let storeArgs: string[];
  let cleanup = async () => rmSync(dir, { recursive: true, force: true });
  if (store === 'postgres') {
    const name = `helsebro_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    storeArgs = ['--database-url', url.toString()];
    const base = cleanup;
    cleanup = async () => {
      await base();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    storeArgs = ['--data-dir', join(dir, 'pglite')];
  }
  const lines: string[] = [];
  try {
    const samplesFile = join(dir, 'samples.json');
    const tokenFile = join(dir, 'tokens.json');
    const t0 = Date.now();
    const child = await startChild([...storeArgs, '--patients', String(patients), '--samples', samplesFile, '--token-file', tokenFile]);
    const { total, samples, doctors } = JSON.parse(readFileSync(samplesFile, 'utf8')) as { total: number; samples: Array<{ id: string; fnr: string }>; doctors: string[] };
    console.error(`[${store}] populated ${total} resources in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const results: Array<{ name: string; c: number; r: LoadResult; ceiling: CeilingRoute; cr: LoadResult }> = [];
    let authRows: Awaited<ReturnType<typeof authCost>> = [];
    let ceil: Map<string, LoadResult>;
    try {
      const chosen = scenarios(samples, doctors).filter((x) => !only || only.some((o) => x.name.startsWith(o)));
      // Warm-up (not reported): first requests compile code paths and fill caches in both processes.
      for (const route of ['static', 'select', 'insert'] as const) await ceilingRun(child, route, 2, 0.5);
      for (const s of chosen) await runLoad(child.port, 2, 0.5, s.make);
      for (const s of chosen) {
        for (const c of levels) {
          // The ceiling right before the scenario: the ratio compares two runs seconds apart.
          const cr = await ceilingRun(child, s.ceiling, c);
          const r = await runLoad(child.port, c, seconds, s.make);
          console.error(`[${store}] ${s.name} @${c}: ${r.rps.toFixed(0)} req/s p50 ${r.p50.toFixed(2)} ms p99 ${r.p99.toFixed(2)} ms (${s.ceiling} ${cr.rps.toFixed(0)} req/s)${r.errors ? ` errors ${r.errors}: ${r.firstError}` : ''}`);
          results.push({ name: s.name, c, r, ceiling: s.ceiling, cr });
        }
      }
      if (!only || only.includes('auth')) authRows = await authCost(child, scenarios(samples, doctors), JSON.parse(readFileSync(tokenFile, 'utf8')) as BenchTokens);
      ceil = await ceilings(child);
    } finally {
      await stop(child);
    }
    lines.push(`### ${store} — ${total.toLocaleString('en')} resources`, '');
    lines.push(row(['interaction', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ceiling route', 'ceiling req/s', 'ceiling p99 ms', 'ratio']));
    lines.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---', '---:', '---:', '---:']));
    for (const { name, c, r, ceiling, cr } of results) {
      lines.push(row([name, c, r.rps.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2), r.errors, ceiling, cr.rps.toFixed(0), cr.p99.toFixed(2), `${((r.rps / cr.rps) * 100).toFixed(0)} %`]));
    }
    if (authRows.length) {
      lines.push('', '#### Cost of authorisation and audit (same interactions, bearer tokens, audit on)', '');
      lines.push('The last two columns split the cost: the same authorised requests with their audit records made but not stored (a bench-only app).', '');
      lines.push(row(['interaction', 'token', 'clients', 'req/s', 'p99 ms', '--insecure-dev req/s', 'ratio', 'audit not stored req/s', 'its ratio']), row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
      for (const a of authRows) {
        lines.push(row([a.name, a.token, a.c, a.r.rps.toFixed(0), a.r.p99.toFixed(2), a.base.rps.toFixed(0), (a.r.rps / a.base.rps).toFixed(2), a.unaudited.rps.toFixed(0), (a.unaudited.rps / a.base.rps).toFixed(2)]));
      }
    }
    lines.push('', row(['ceiling route', 'clients', 'req/s', 'p50 ms', 'p99 ms']), row(['---', '---:', '---:', '---:', '---:']));
    for (const [key, r] of ceil) {
      const [route, c] = key.split('@');
      lines.push(row([route, c, r.rps.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2)]));
    }
    lines.push('');
  } finally {
    await cleanup();
  }
  return lines;
}

const out: string[] = [];
if (!only || only.includes('rules')) out.push(...benchRuleEvaluation(), '');
out.unshift(`Helsebro benchmark — ${new Date().toISOString()} — node ${process.version}, ${patients} patients, ${seconds} s per run`, '');
for (const store of stores) out.push(...(await benchStore(store)));
console.log(out.join('\n'));
