/** The CLI's commands as data: name, summary, options, help and the function that runs it. */
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  name: string;
  summary: string;
  help: string;
  options: Options;
  /** Resolves to the exit code, or -1 for a long-running command that keeps the process alive. */
  run(config: Config, values: Values, positionals: string[]): Promise<number>;
}

export const commands: Command[] = [
  {
    name: 'serve',
    summary: 'start the FHIR server (migrates and seeds an empty store first)',
    help: `helsebro serve [--port N] [--host H] [--data-dir DIR] [--database-url URL] [--no-seed] [--seed N] [--patients N] [--insecure-dev]

Starts the FHIR R4 server at http://HOST:PORT/fhir. On an empty store it loads the synthetic demo
population (deterministic for the seed) unless --no-seed is given.
  --port N        port (env PORT / HELSEBRO_PORT, default 8080)
  --host H        interface (env HELSEBRO_HOST, default 127.0.0.1)
  --seed N        seed for the demo population (default 1)
  --patients N    demo population size (default 2000)
  --no-seed       start with an empty store
  --insecure-dev  accept every request without a token (env HELSEBRO_INSECURE_DEV=1); never in production
Without --insecure-dev every /fhir request needs a bearer token: see 'helsebro token --help'.`,
    options: {
      'insecure-dev': { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      patients: { type: 'string' },
      'no-seed': { type: 'boolean' },
    },
    async run(config, values) {
      if (values.port) config.port = toInt(values.port, '--port');
      if (values.host) config.host = String(values.host);
      if (values['insecure-dev']) config.auth = { ...config.auth, mode: 'insecure-dev' };
      const { serve } = await import('./serve.ts');
      await serve(config, {
        seed: values['no-seed'] ? undefined : toInt(values.seed ?? '1', '--seed'),
        patients: toInt(values.patients ?? '2000', '--patients'),
      });
      return -1;
    },
  },
  {
    name: 'migrate',
    summary: 'create or upgrade the database schema',
    help: 'helsebro migrate [--data-dir DIR] [--database-url URL]\n\nApplies pending schema migrations and exits.',
    options: {},
    async run(config) {
      const { openDatabase } = await import('../store/database.ts');
      const { migrate } = await import('../store/migrate.ts');
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrate(db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date');
      } finally {
        await db.close();
      }
      return 0;
    },
  },
  {
    name: 'seed',
    summary: 'load the synthetic Norwegian population',
    help: `helsebro seed [--seed N] [--patients N] [--data-dir DIR] [--database-url URL]

Writes a deterministic synthetic population (Test Norge identity numbers only): GP offices,
employers, GPs and specialists with HPR numbers, GP lists and patients.
  --seed N        seed (default 1)
  --patients N    number of patients (default 2000)`,
    options: { seed: { type: 'string' }, patients: { type: 'string' } },
    async run(config, values) {
      const { seedStore } = await import('./seed.ts');
      await seedStore(config, { seed: toInt(values.seed ?? '1', '--seed'), patients: toInt(values.patients ?? '2000', '--patients') });
      return 0;
    },
  },
  {
    name: 'import',
    summary: 'load FHIR resources from .ndjson or .json files (registries, test data)',
    help: `helsebro import FILE|DIR… [--data-dir DIR] [--database-url URL]

Writes FHIR resources through the same validation and rules as the API:
  *.ndjson   one resource per line; with an id it is written with that id (PUT), without one it is created
  *.json     one resource, or a batch/transaction Bundle
The registries the sykmelding rules read are imported this way (formats in docs/sykmelding.md):
HPR (Practitioner with qualifications), suspensions (Practitioner extension), the population
register (Patient with fødselsnummer/D-nummer and birthDate). Exits 1 if anything was refused.`,
    options: {},
    async run(config, _values, positionals) {
      const { importFhirFiles } = await import('./imports.ts');
      return (await importFhirFiles(config, positionals)) > 0 ? 1 : 0;
    },
  },
  {
    name: 'terminology',
    summary: 'terminology import FILE|DIR…: load the ICPC-2, ICPC-2B and ICD-10 code lists',
    help: `helsebro terminology import FILE|DIR… [--data-dir DIR] [--database-url URL]

Loads diagnosis code lists into CodeSystem/icpc2, CodeSystem/icpc2b and CodeSystem/icd10, from
  *.csv    '#'-separated: system#code#text (ICPC2, ICD10) or system#code#text#parent_code#parent_text (ICPC2B)
  *.json   the Norwegian directorate's code-list download (array of entries with Kode, Kodeverk, …)
A running server reads the lists at startup: import before starting it, or restart it after importing
(or PUT the CodeSystem through the API). The embedded store belongs to one process at a time, so
with a server running on the same --data-dir the import is refused until that server stops.`,
    options: {},
    async run(config, _values, positionals) {
      if (positionals[0] !== 'import') throw new Error("Usage: helsebro terminology import FILE|DIR…");
      const { importTerminology } = await import('./imports.ts');
      await importTerminology(config, positionals.slice(1));
      return 0;
    },
  },
  {
    name: 'sykmelding',
    summary: 'sykmelding expire: mark open sykmeldinger the patient never used as UTGATT',
    help: `helsebro sykmelding expire [--data-dir DIR] [--database-url URL]

Runs the expiry job once (the server also runs it every six hours): an APEN sykmelding becomes
UTGATT three months after its last sick-leave day.`,
    options: {},
    async run(config, _values, positionals) {
      if (positionals[0] !== 'expire') throw new Error('Usage: helsebro sykmelding expire');
      const { withRuntime } = await import('./imports.ts');
      const { expireSykmeldinger } = await import('../sykmelding/status.ts');
      const ids = await withRuntime(config, (r) => expireSykmeldinger(r.service, new Date()));
      console.log(`${ids.length} sykmelding(er) expired${ids.length ? `: ${ids.join(', ')}` : ''}`);
      return 0;
    },
  },
  {
    name: 'dialog',
    summary: 'dialog overdue|aap: overdue requests and their reminder, rerouting; the AAP transition',
    help: `helsebro dialog overdue [--data-dir DIR] [--database-url URL]
helsebro dialog aap [--data-dir DIR] [--database-url URL]

Runs the dialogue job once: a request NAV sent becomes overdue from 00:00 Oslo time on the day after
its due date and gets exactly one reminder (påminnelse, 8129:2) when its kind may be reminded; an
open request whose patient changed GP follows the patient to the new recipient. Running it twice
changes nothing the second time.

\`dialog aap\` starts the transition from sykepenger to AAP for every sick-leave case within 13 weeks
of its maksdato: a NAV task and a request for a legeerklæring to the routed doctor, once per case.`,
    options: {},
    async run(config, _values, positionals) {
      if (positionals[0] === 'aap') {
        const { withRuntime } = await import('./imports.ts');
        const { runAapTransitions } = await import('../dialog/aap.ts');
        const results = await withRuntime(config, (r) => runAapTransitions(r.service, new Date()));
        console.log(`${results.filter((x) => x.created).length} AAP transition(s) started, ${results.filter((x) => x.updated).length} maksdato(er) moved`);
        return 0;
      }
      if (positionals[0] !== 'overdue') throw new Error('Usage: helsebro dialog overdue | helsebro dialog aap');
      const { withRuntime } = await import('./imports.ts');
      const { markOverdue, rerouteOpenRequests } = await import('../dialog/jobs.ts');
      const { overdue, reminders, moved } = await withRuntime(config, async (r) => {
        const now = new Date();
        return { ...(await markOverdue(r.service, now)), moved: await rerouteOpenRequests(r.service, now) };
      });
      console.log(`${overdue.length} request(s) overdue, ${reminders.length} reminder(s) sent, ${moved.length} request(s) rerouted`);
      return 0;
    },
  },
  {
    name: 'client',
    summary: 'client register|list: the apps and systems that may ask for tokens',
    help: `helsebro client register --id ID --scope "…" (--redirect-uris URI[,URI…] | --jwks FILE) [--name NAME]
helsebro client list
  [--data-dir DIR] [--database-url URL]

Registers a client of the built-in authorisation server (or updates the one with that id):
  an app (SMART on FHIR, public, authorization code with PKCE):
    --redirect-uris https://app.example/callback   where the app receives the code (https, or http for localhost)
  a backend system (client credentials with private_key_jwt):
    --jwks keys.json                               its public keys (a JWKS; private keys are refused)
  --scope "…"    the most the client may ever be granted, e.g. 'launch openid fhirUser user/*.cruds'
                 for an app, 'system/*.rs' for a system; a token never gets more than this
Example:
  npx helsebro client register --id lab-system --scope "system/Observation.cruds system/Patient.rs" --jwks lab-public.json`,
    options: { id: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string' }, 'redirect-uris': { type: 'string' }, jwks: { type: 'string' } },
    async run(config, values, positionals) {
      const { registerClient, listClients } = await import('./clients.ts');
      if (positionals[0] === 'list') {
        for (const c of await listClients(config)) console.log(`${c.clientId}\t${c.kind}\t${c.scopes}${c.redirectUris.length ? `\t${c.redirectUris.join(',')}` : ''}`);
        return 0;
      }
      if (positionals[0] !== 'register') throw new Error('Usage: helsebro client register|list (see helsebro client --help)');
      const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
      const c = await registerClient(config, { id: str('id'), name: str('name'), scope: str('scope'), redirectUris: str('redirect-uris'), jwks: str('jwks') });
      console.log(`registered ${c.kind === 'public' ? 'app' : 'system'} '${c.clientId}' with scopes: ${c.scopes}`);
      return 0;
    },
  },
  {
    name: 'token',
    summary: 'get an access token for a synthetic user from the running server',
    help: `helsebro token --as USER [--scope "…"] [--patient ID] [--url URL]

Asks the running server's built-in authorisation server for an access token (authorization code
with PKCE, as an app would), for exploring the API:
  --as hpr:1079190        a doctor, by HPR number (sees their GP list, a launch patient, what they wrote)
  --as pid:<fnr>          a citizen, by fødselsnummer (sees only their own data)
  --as orgnr:<orgnr>      an employer (employer views of sykmeldinger sent to them)
  --as nav:Z990001        a NAV caseworker (send X-Purpose-Of-Use with each request)
  --scope "…"             the scopes to ask for (never more than the user's role allows)
  --patient ID            a launch context: the patient the doctor works on
  --url URL               the server (default http://HOST:PORT from --port/PORT, HELSEBRO_HOST)
'helsebro serve' prints users from the demo population. Example:
  TOKEN=$(npx helsebro token --as hpr:1079190)
  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/fhir/Patient?_count=2`,
    options: { as: { type: 'string' }, scope: { type: 'string' }, patient: { type: 'string' }, url: { type: 'string' }, port: { type: 'string' } },
    async run(config, values) {
      if (!values.as) throw new Error('Name the user with --as (see helsebro token --help)');
      if (values.port) config.port = toInt(values.port, '--port');
      const { fetchToken } = await import('./token.ts');
      const url = values.url ? String(values.url) : `http://${config.host}:${config.port}`;
      console.log(await fetchToken({ url, as: String(values.as), scope: values.scope ? String(values.scope) : undefined, patient: values.patient ? String(values.patient) : undefined }));
      return 0;
    },
  },
];

function toInt(value: string | boolean | undefined, name: string): number {
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new Error(`${name} takes a whole number, not '${String(value)}'`);
  return n;
}
