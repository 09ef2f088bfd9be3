/** The CLI's commands as data: name, summary, options, help and the function that runs it. */
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

export interface Command {
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
    help: `helsebro serve [--port N] [--host H] [--data-dir DIR] [--database-url URL] [--no-seed] [--seed N] [--patients N]

Starts the FHIR R4 server at http://HOST:PORT/fhir. On an empty store it loads the synthetic demo
population (deterministic for the seed) unless --no-seed is given.
  --port N        port (env PORT / HELSEBRO_PORT, default 8080)
  --host H        interface (env HELSEBRO_HOST, default 127.0.0.1)
  --seed N        seed for the demo population (default 1)
  --patients N    demo population size (default 2000)
  --no-seed       start with an empty store`,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      patients: { type: 'string' },
      'no-seed': { type: 'boolean' },
    },
    async run(config, values) {
      if (values.port) config.port = toInt(values.port, '--port');
      if (values.host) config.host = String(values.host);
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
];

export function toInt(value: string | boolean | undefined, name: string): number {
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new Error(`${name} takes a whole number, not '${String(value)}'`);
  return n;
}
