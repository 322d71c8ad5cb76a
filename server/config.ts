/**
 * The reference backend's configuration, read from the environment in one place. Every value
 * has a default that suits `npm run server` on a laptop; a value that is set but not valid stops
 * the start with a message naming the variable, what it holds and what it should hold.
 */

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ServerConfig {
  /** PORT: 0 picks a free port. */
  port: number;
  /** HOST: the address to listen on. */
  host: string;
  /** DATABASE_URL: a PostgreSQL server; PGlite in memory when unset. */
  databaseUrl: string | undefined;
  /** CORS_ORIGINS: `*` or a comma-separated list of browser origins; empty allows none. */
  corsOrigins: readonly string[] | '*';
  /** BODY_LIMIT: the largest request body in bytes. */
  bodyLimit: number;
  /** REQUEST_TIMEOUT_MS: the longest a client may take to send a whole request. */
  requestTimeoutMs: number;
  /** HEADERS_TIMEOUT_MS: the longest a client may take to send the request's headers. */
  headersTimeoutMs: number;
  /** KEEP_ALIVE_TIMEOUT_MS: how long an idle kept-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** MAX_CONNECTIONS: connections open at once; more are refused. */
  maxConnections: number;
  /** STATEMENT_TIMEOUT_MS: the longest one SQL statement may run. */
  statementTimeoutMs: number;
  /** SHUTDOWN_TIMEOUT_MS: how long requests in flight may finish after SIGTERM/SIGINT. */
  shutdownTimeoutMs: number;
  /** LOG_LEVEL: pino's level for the JSON logs on stdout; `silent` logs nothing. */
  logLevel: LogLevel;
}

export const DEFAULT_CONFIG: Readonly<ServerConfig> = {
  port: 0,
  host: '127.0.0.1',
  databaseUrl: undefined,
  corsOrigins: '*',
  bodyLimit: 2 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
  statementTimeoutMs: 15_000,
  shutdownTimeoutMs: 10_000,
  logLevel: 'info',
};

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

/** A variable set to a value the backend cannot use. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * The configuration `env` describes, or a `ConfigError` listing every bad variable (each on its
 * own line). Empty variables count as unset.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const problems: ConfigError[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name);
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      problems.push(
        new ConfigError(
          name,
          `${name}=${JSON.stringify(value)} is not valid: use a whole number from ${min} to ${max}.`,
        ),
      );
      return fallback;
    }
    return n;
  };
  const config: ServerConfig = {
    port: whole('PORT', DEFAULT_CONFIG.port, 0, 65_535),
    host: text('HOST') ?? DEFAULT_CONFIG.host,
    databaseUrl: undefined,
    corsOrigins: DEFAULT_CONFIG.corsOrigins,
    bodyLimit: whole('BODY_LIMIT', DEFAULT_CONFIG.bodyLimit, 1_024, 1024 * 1024 * 1024),
    requestTimeoutMs: whole('REQUEST_TIMEOUT_MS', DEFAULT_CONFIG.requestTimeoutMs, 100, 3_600_000),
    headersTimeoutMs: whole('HEADERS_TIMEOUT_MS', DEFAULT_CONFIG.headersTimeoutMs, 100, 3_600_000),
    keepAliveTimeoutMs: whole(
      'KEEP_ALIVE_TIMEOUT_MS',
      DEFAULT_CONFIG.keepAliveTimeoutMs,
      0,
      3_600_000,
    ),
    maxConnections: whole('MAX_CONNECTIONS', DEFAULT_CONFIG.maxConnections, 1, 1_000_000),
    statementTimeoutMs: whole(
      'STATEMENT_TIMEOUT_MS',
      DEFAULT_CONFIG.statementTimeoutMs,
      10,
      3_600_000,
    ),
    shutdownTimeoutMs: whole('SHUTDOWN_TIMEOUT_MS', DEFAULT_CONFIG.shutdownTimeoutMs, 0, 3_600_000),
    logLevel: DEFAULT_CONFIG.logLevel,
  };

  const url = text('DATABASE_URL');
  if (url !== undefined) {
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      // reported below
    }
    if (protocol === 'postgres:' || protocol === 'postgresql:') config.databaseUrl = url;
    else {
      problems.push(
        new ConfigError(
          'DATABASE_URL',
          'DATABASE_URL is not valid: use a postgresql://user@host:port/database URL (unset it for PGlite in memory).',
        ),
      );
    }
  }

  const origins = env.CORS_ORIGINS;
  if (origins !== undefined) {
    const list = origins
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    if (list.length === 1 && list[0] === '*') config.corsOrigins = '*';
    else {
      const bad = list.filter((o) => !isOrigin(o));
      if (bad.length) {
        problems.push(
          new ConfigError(
            'CORS_ORIGINS',
            `CORS_ORIGINS is not valid: ${bad.map((o) => JSON.stringify(o)).join(', ')} ${bad.length === 1 ? 'is not an origin' : 'are not origins'}; use "*" or origins such as https://admin.example.com, separated by commas.`,
          ),
        );
      } else config.corsOrigins = list.map((o) => new URL(o).origin);
    }
  }

  const level = text('LOG_LEVEL');
  if (level !== undefined) {
    if ((LOG_LEVELS as readonly string[]).includes(level)) config.logLevel = level as LogLevel;
    else {
      problems.push(
        new ConfigError(
          'LOG_LEVEL',
          `LOG_LEVEL=${JSON.stringify(level)} is not valid: use one of ${LOG_LEVELS.join(', ')}.`,
        ),
      );
    }
  }

  if (config.headersTimeoutMs > config.requestTimeoutMs && !problems.length) {
    problems.push(
      new ConfigError(
        'HEADERS_TIMEOUT_MS',
        `HEADERS_TIMEOUT_MS (${config.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${config.requestTimeoutMs}).`,
      ),
    );
  }

  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) {
    const error = new ConfigError(
      problems.map((p) => p.variable).join(', '),
      problems.map((p) => p.message).join('\n'),
    );
    throw error;
  }
  return config;
}

/** `scheme://host[:port]` with nothing after it, as a browser sends in `Origin`. */
function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.origin === text.replace(/\/$/, '')
    );
  } catch {
    return false;
  }
}
