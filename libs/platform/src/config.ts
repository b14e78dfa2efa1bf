/**
 * Configuration from the environment, validated once at start-up. Every problem is reported
 * together, naming the variable and the rule, so a misconfigured deployment fails fast and clearly.
 */
export const DEVELOPMENT_JWT_SECRET = 'directive-engine-development-secret-not-for-production';

export interface AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly http: { readonly host: string; readonly port: number; readonly bodyLimitBytes: number };
  readonly eventStore:
    | { readonly kind: 'sqlite'; readonly file: string; readonly synchronous: 'FULL' | 'NORMAL' }
    | { readonly kind: 'esdb'; readonly connectionString: string };
  /** `keyPrefix` namespaces every key the engine writes (queues, read models), so deployments can share a Redis. */
  readonly redis: { readonly url: string; readonly keyPrefix: string };
  readonly auth: { readonly secret: string; readonly issuer: string; readonly audience: string; readonly usingDevelopmentSecret: boolean };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly workerPort: number;
  /** What a worker process runs (all by default), so read models and follow-up can be scaled apart. */
  readonly workerQueues: readonly WorkerQueue[];
  /** The engine clock: system time, or a scaled clock starting at `start` (real time `anchor`). */
  readonly clock: { readonly start?: string; readonly anchor?: string; readonly scale: number };
  /** Reminders and escalations: how often the reconciler repairs BullMQ, when a follow-up counts as late. */
  readonly followUp: { readonly reconcileEveryMs: number; readonly lateAfterMs: number };
  /**
   * Webhook delivery of reminders and escalations: attempts before a delivery is parked for an
   * administrator, the first retry delay (doubling each time), and how long one request may take.
   */
  readonly webhooks: { readonly maxAttempts: number; readonly backoffMs: number; readonly timeoutMs: number };
  /** Audit replays: megabytes of directive checkpoint JSON kept decoded in the API process (0: none). */
  readonly audit: { readonly directiveCacheMb: number };
  /** Read-model builds: documents a build holds in memory before it goes on page by page through Redis (0: never). */
  readonly readModels: { readonly buildCacheDocs: number };
}

export const WORKER_QUEUES = ['read-models', 'follow-up', 'notifications'] as const;
export type WorkerQueue = (typeof WORKER_QUEUES)[number];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new Reader(env, problems);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const storeKind = read.oneOf('EVENT_STORE', ['sqlite', 'esdb'] as const, 'sqlite');
  const secret = env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
  if (secret.length < 32) problems.push('JWT_SECRET must be at least 32 characters long');
  if (nodeEnv === 'production' && secret === DEVELOPMENT_JWT_SECRET) {
    problems.push('JWT_SECRET must be set in production: the development secret is public');
  }
  const config: AppConfig = {
    env: nodeEnv,
    http: {
      host: read.text('HOST', '127.0.0.1'),
      port: read.int('PORT', 3000, 0, 65535),
      bodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    },
    eventStore:
      storeKind === 'esdb'
        ? { kind: 'esdb', connectionString: read.required('EVENTSTORE_CONNECTION_STRING', 'when EVENT_STORE=esdb') }
        : { kind: 'sqlite', file: read.text('SQLITE_FILE', './data/events.db'), synchronous: read.oneOf('SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL') },
    redis: { url: read.text('REDIS_URL', 'redis://127.0.0.1:6379'), keyPrefix: read.pattern('REDIS_KEY_PREFIX', /^[A-Za-z0-9_-]{1,40}$/, 'directive-engine', 'letters, digits, _ and -, at most 40') },
    auth: {
      secret,
      issuer: read.text('JWT_ISSUER', 'directive-engine'),
      audience: read.text('JWT_AUDIENCE', 'directive-engine'),
      usingDevelopmentSecret: secret === DEVELOPMENT_JWT_SECRET,
    },
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    workerPort: read.int('WORKER_PORT', 3001, 0, 65535),
    workerQueues: read.list('WORKER_QUEUES', WORKER_QUEUES),
    clock: { start: read.instant('CLOCK_START'), anchor: read.instant('CLOCK_ANCHOR'), scale: read.number('TIME_SCALE', 1, 0.001, 1_000_000) },
    followUp: {
      reconcileEveryMs: read.int('FOLLOW_UP_RECONCILE_MS', 60_000, 1000, 86_400_000),
      lateAfterMs: read.int('FOLLOW_UP_LATE_AFTER_MS', 300_000, 0, 86_400_000),
    },
    webhooks: {
      maxAttempts: read.int('WEBHOOK_MAX_ATTEMPTS', 8, 1, 50),
      backoffMs: read.int('WEBHOOK_BACKOFF_MS', 2000, 10, 3_600_000),
      timeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    },
    audit: { directiveCacheMb: read.int('AUDIT_DIRECTIVE_CACHE_MB', 512, 0, 65_536) },
    readModels: { buildCacheDocs: read.int('READ_MODEL_BUILD_CACHE_DOCS', 1_500_000, 0, 100_000_000) },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

class Reader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.env[name];
    if (value === undefined || value === '') return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
    return fallback;
  }

  /** A comma-separated subset of `allowed`; unset means all of them. */
  list<T extends string>(name: string, allowed: readonly T[]): readonly T[] {
    const value = this.env[name];
    if (value === undefined || value.trim() === '') return allowed;
    const chosen = value.split(',').map((v) => v.trim());
    const unknown = chosen.filter((v) => !(allowed as readonly string[]).includes(v));
    if (unknown.length === 0 && chosen.length > 0) return [...new Set(chosen)] as T[];
    this.problems.push(`${name} must be a comma-separated list of ${allowed.join(', ')} (got "${value}")`);
    return allowed;
  }

  number(name: string, fallback: number, min: number, max: number): number {
    const value = this.env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (Number.isFinite(n) && n >= min && n <= max) return n;
    this.problems.push(`${name} must be a number from ${min} to ${max} (got "${value}")`);
    return fallback;
  }

  /** An optional instant (ISO-8601 date-time), kept as UTC ISO. */
  instant(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined || value === '') return undefined;
    const ms = Date.parse(value);
    if (Number.isFinite(ms) && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(ms).toISOString();
    this.problems.push(`${name} must be an ISO-8601 date-time such as 2021-04-14T08:00:00+07:00 (got "${value}")`);
    return undefined;
  }

  /** A string setting; unset or empty means the default (an empty HOST must not mean every interface). */
  text(name: string, fallback: string): string {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? fallback : value;
  }

  pattern(name: string, pattern: RegExp, fallback: string, rule: string): string {
    const value = this.text(name, fallback);
    if (pattern.test(value)) return value;
    this.problems.push(`${name} must be ${rule} (got "${value}")`);
    return fallback;
  }

  required(name: string, why: string): string {
    const value = this.env[name];
    if (value) return value;
    this.problems.push(`${name} is required ${why}`);
    return '';
  }
}

export const APP_CONFIG = Symbol.for('directive-engine.AppConfig');
