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
  /** PostgreSQL: the longest one statement may run, in ms (0: no limit); over it the request is answered 503. */
  statementTimeout: number;
  auth: AuthConfig;
  /** Requests per minute per user (token subject), else per address (0: no limit). */
  rateLimitPerMinute: number;
  /** Browser origins allowed by CORS ('*' for any). */
  corsOrigins: string[] | '*';
  /** Bearer token /metrics requires; without it /metrics is public, except in production (not served). */
  metricsToken?: string;
}

/** Who may call the API (docs/security.md). */
export interface AuthConfig {
  /**
   * `builtin`: tokens from Helsebro's own authorisation server (the embedded default and tests);
   * `external`: tokens from an OpenID Connect provider (HelseID, ID-porten, Maskinporten), verified
   * through discovery and JWKS; `insecure-dev`: no authentication at all (explicit, never default).
   */
  mode: 'builtin' | 'external' | 'insecure-dev';
  /** Access-token lifetime in seconds (builtin). */
  tokenLifetime: number;
  /** External mode: the provider's issuer URL (its discovery document is at /.well-known/openid-configuration). */
  issuer?: string;
  /** The audience tokens must carry; defaults to the public FHIR base URL (builtin) and is required for external. */
  audience?: string;
  /** External mode: which claims carry the HPR number, the fødselsnummer, the organisation number and the NAV ident. */
  claims: { hpr: string; pid: string; orgnr: string; navIdent: string };
}

const DEFAULT_AUTH: AuthConfig = {
  mode: 'builtin',
  tokenLifetime: 300,
  claims: { hpr: 'hpr_number', pid: 'pid', orgnr: 'orgnr', navIdent: 'NAVident' },
};

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
  statementTimeout: 15_000,
  auth: DEFAULT_AUTH,
  rateLimitPerMinute: 6000,
  corsOrigins: '*',
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
    statementTimeout: num('HELSEBRO_STATEMENT_TIMEOUT', DEFAULTS.statementTimeout),
    auth: authFromEnv(env, num),
    rateLimitPerMinute: num('HELSEBRO_RATE_LIMIT', DEFAULTS.rateLimitPerMinute),
    metricsToken: env.HELSEBRO_METRICS_TOKEN || undefined,
    corsOrigins: !env.HELSEBRO_CORS_ORIGINS || env.HELSEBRO_CORS_ORIGINS === '*' ? '*' : env.HELSEBRO_CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
  };
}

function authFromEnv(env: NodeJS.ProcessEnv, num: (name: string, fallback: number) => number): AuthConfig {
  const mode = env.HELSEBRO_INSECURE_DEV === '1' ? 'insecure-dev' : (env.HELSEBRO_AUTH_MODE ?? DEFAULT_AUTH.mode);
  if (mode !== 'builtin' && mode !== 'external' && mode !== 'insecure-dev') {
    throw new Error(`HELSEBRO_AUTH_MODE must be builtin or external (or set HELSEBRO_INSECURE_DEV=1), not '${mode}'`);
  }
  const auth: AuthConfig = {
    mode,
    tokenLifetime: num('HELSEBRO_TOKEN_LIFETIME', DEFAULT_AUTH.tokenLifetime),
    issuer: env.HELSEBRO_OIDC_ISSUER || undefined,
    audience: env.HELSEBRO_OIDC_AUDIENCE || undefined,
    claims: {
      hpr: env.HELSEBRO_CLAIM_HPR || DEFAULT_AUTH.claims.hpr,
      pid: env.HELSEBRO_CLAIM_PID || DEFAULT_AUTH.claims.pid,
      orgnr: env.HELSEBRO_CLAIM_ORGNR || DEFAULT_AUTH.claims.orgnr,
      navIdent: env.HELSEBRO_CLAIM_NAVIDENT || DEFAULT_AUTH.claims.navIdent,
    },
  };
  if (mode === 'external' && (!auth.issuer || !auth.audience)) throw new Error('External auth needs HELSEBRO_OIDC_ISSUER and HELSEBRO_OIDC_AUDIENCE');
  return auth;
}

/**
 * What stops this configuration from running in production (empty when nothing does, and always
 * empty outside production). The built-in authorisation server signs in the synthetic demo users
 * by name without a password, so production must take its users from an identity provider.
 */
export function productionProblems(config: Config): string[] {
  if (config.environment !== 'production') return [];
  const problems: string[] = [];
  if (config.auth.mode === 'insecure-dev') problems.push('--insecure-dev (HELSEBRO_INSECURE_DEV) accepts requests without a token');
  if (config.auth.mode === 'builtin') {
    problems.push('the built-in authorisation server signs in demo users without a password: set HELSEBRO_AUTH_MODE=external with HELSEBRO_OIDC_ISSUER and HELSEBRO_OIDC_AUDIENCE (HelseID, ID-porten, Azure AD for NAV, Maskinporten)');
  }
  return problems;
}
