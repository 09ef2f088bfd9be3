/**
 * Runtime configuration, read once from CLI flags and environment variables (flags win).
 * Every setting is documented in README.md ("Configuration").
 */
export interface Config {
  host: string;
  port: number;
  /** PGlite data directory (the embedded default). */
  dataDir: string;
  /** `postgres://…` switches storage to PostgreSQL. */
  databaseUrl?: string;
  /** Public base URL of the FHIR endpoint; derived from the request when unset. */
  publicBaseUrl?: string;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** Deepest accepted JSON nesting. */
  maxJsonDepth: number;
  /** Largest accepted number of entries in a batch or transaction Bundle. */
  maxBundleEntries: number;
  logLevel: string;
  /** Production refuses synthetic (Test Norge) identity numbers on write. */
  environment: 'development' | 'test' | 'production';
  poolSize: number;
}

export const DEFAULTS: Config = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: '.data/helsebro',
  bodyLimit: 4 * 1024 * 1024,
  maxJsonDepth: 64,
  maxBundleEntries: 1000,
  logLevel: 'info',
  environment: 'development',
  poolSize: 20,
};

/** Reads HELSEBRO_* variables (and DATABASE_URL, PORT) over the defaults. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const num = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not '${v}'`);
    return n;
  };
  const environment = env.HELSEBRO_ENV ?? DEFAULTS.environment;
  if (environment !== 'development' && environment !== 'test' && environment !== 'production') {
    throw new Error(`HELSEBRO_ENV must be development, test or production, not '${environment}'`);
  }
  return {
    host: env.HELSEBRO_HOST ?? DEFAULTS.host,
    port: num('PORT', num('HELSEBRO_PORT', DEFAULTS.port)),
    dataDir: env.HELSEBRO_DATA_DIR ?? DEFAULTS.dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    publicBaseUrl: env.HELSEBRO_BASE_URL || undefined,
    bodyLimit: num('HELSEBRO_BODY_LIMIT', DEFAULTS.bodyLimit),
    maxJsonDepth: num('HELSEBRO_MAX_JSON_DEPTH', DEFAULTS.maxJsonDepth),
    maxBundleEntries: num('HELSEBRO_MAX_BUNDLE_ENTRIES', DEFAULTS.maxBundleEntries),
    logLevel: env.HELSEBRO_LOG_LEVEL ?? DEFAULTS.logLevel,
    environment,
    poolSize: num('HELSEBRO_DB_POOL', DEFAULTS.poolSize),
  };
}
