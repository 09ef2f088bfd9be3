import type { Config } from '../config.ts';
import { createRuntime } from '../server.ts';
import { seedDatabase } from './seed.ts';

export async function serve(config: Config, options: { seed?: number; patients: number }): Promise<void> {
  const runtime = await createRuntime(config);
  const log = runtime.app.log;
  if (options.seed !== undefined) {
    const existing = await runtime.db.query("SELECT 1 FROM resource WHERE resource_type = 'Patient' LIMIT 1");
    if (existing.rows.length === 0) {
      log.info({ seed: options.seed, patients: options.patients }, 'empty store: loading the synthetic demo population');
      const n = await seedDatabase(runtime.db, runtime.validator, { seed: options.seed, patients: options.patients });
      log.info({ resources: n }, 'demo population loaded');
    }
  }
  const address = await runtime.app.listen({ host: config.host, port: config.port });
  const store = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  console.log(`Helsebro FHIR server listening on ${address}/fhir (store: ${store})`);
  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
