import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from './config.js';

const GOOD_SECRET = 'a-production-secret-that-is-long-enough-0123456789';

/** The ConfigError `loadConfig(env)` throws; fails the test when it does not throw one. */
function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw new Error(`expected a ConfigError, got ${String(error)}`);
  }
  throw new Error(`expected loadConfig(${JSON.stringify(env)}) to throw a ConfigError, it accepted the configuration`);
}

describe('loadConfig', () => {
  describe('with an empty environment', () => {
    const config = () => loadConfig({});

    it('stores events in SQLite at ./data/events.db with synchronous FULL', () => {
      expect(config().eventStore).toEqual({ kind: 'sqlite', file: './data/events.db', synchronous: 'FULL' });
    });

    it('listens on 127.0.0.1:3000 with a body limit of 256 KiB', () => {
      expect(config().http).toEqual({ host: '127.0.0.1', port: 3000, bodyLimitBytes: 256 * 1024 });
    });

    it('connects to Redis at redis://127.0.0.1:6379', () => {
      expect(config().redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'directive-engine' });
    });

    it('runs in development with the development secret, flagged usingDevelopmentSecret', () => {
      const c = config();
      expect(c.env).toBe('development');
      expect(c.auth).toEqual({ secret: DEVELOPMENT_JWT_SECRET, issuer: 'directive-engine', audience: 'directive-engine', usingDevelopmentSecret: true });
    });

    it('logs at info and serves the worker on port 3001', () => {
      expect(config().logLevel).toBe('info');
      expect(config().workerPort).toBe(3001);
    });

    it('treats empty values as unset', () => {
      expect(loadConfig({ PORT: '', LOG_LEVEL: '', SQLITE_SYNCHRONOUS: '', EVENT_STORE: '', NODE_ENV: '' })).toEqual(config());
    });

    /**
     * An empty value (`HOST=` in an env file, `HOST: ${HOST}` in a compose file) must not slip
     * through as `''`: an empty HOST makes the API and the worker listen on every interface
     * instead of 127.0.0.1, and an empty SQLITE_FILE fails later, in the store, with an unclear
     * message. Either the default applies, as for the other variables, or the problem is reported.
     */
    it.each([
      ['HOST', (c: ReturnType<typeof loadConfig>) => c.http.host, '127.0.0.1'],
      ['SQLITE_FILE', (c: ReturnType<typeof loadConfig>) => (c.eventStore.kind === 'sqlite' ? c.eventStore.file : undefined), './data/events.db'],
    ] as const)('does not take an empty %s as a value', (variable, read, fallback) => {
      let outcome: string;
      try {
        outcome = `accepted as ${JSON.stringify(read(loadConfig({ [variable]: '' })))}`;
      } catch (error) {
        outcome = error instanceof ConfigError && error.message.includes(variable) ? 'refused' : `failed with ${String(error)}`;
      }
      expect([`accepted as ${JSON.stringify(fallback)}`, 'refused']).toContain(outcome);
    });
  });

  it('takes every variable it is given', () => {
    const c = loadConfig({
      NODE_ENV: 'test',
      HOST: '0.0.0.0',
      PORT: '8080',
      HTTP_BODY_LIMIT_BYTES: '2048',
      SQLITE_FILE: '/var/lib/engine/events.db',
      SQLITE_SYNCHRONOUS: 'NORMAL',
      REDIS_URL: 'redis://cache:6380',
      REDIS_KEY_PREFIX: 'kien-giang',
      JWT_SECRET: GOOD_SECRET,
      JWT_ISSUER: 'tinh-uy',
      JWT_AUDIENCE: 'engine',
      LOG_LEVEL: 'debug',
      WORKER_PORT: '9090',
      WORKER_QUEUES: 'read-models, follow-up',
      CLOCK_START: '2021-04-14T08:00:00+07:00',
      CLOCK_ANCHOR: '2026-01-01T00:00:00Z',
      TIME_SCALE: '60',
      FOLLOW_UP_RECONCILE_MS: '5000',
      FOLLOW_UP_LATE_AFTER_MS: '1000',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_BACKOFF_MS: '20',
      WEBHOOK_TIMEOUT_MS: '500',
      AUDIT_DIRECTIVE_CACHE_MB: '0',
      READ_MODEL_BUILD_CACHE_DOCS: '1000',
    });
    expect(c).toEqual({
      env: 'test',
      http: { host: '0.0.0.0', port: 8080, bodyLimitBytes: 2048 },
      eventStore: { kind: 'sqlite', file: '/var/lib/engine/events.db', synchronous: 'NORMAL' },
      redis: { url: 'redis://cache:6380', keyPrefix: 'kien-giang' },
      auth: { secret: GOOD_SECRET, issuer: 'tinh-uy', audience: 'engine', usingDevelopmentSecret: false },
      logLevel: 'debug',
      workerPort: 9090,
      workerQueues: ['read-models', 'follow-up'],
      clock: { start: '2021-04-14T01:00:00.000Z', anchor: '2026-01-01T00:00:00.000Z', scale: 60 },
      followUp: { reconcileEveryMs: 5000, lateAfterMs: 1000 },
      webhooks: { maxAttempts: 3, backoffMs: 20, timeoutMs: 500 },
      audit: { directiveCacheMb: 0 },
      readModels: { buildCacheDocs: 1000 },
    });
  });

  describe('names the variable of each problem in the ConfigError message', () => {
    it.each([
      ['PORT', { PORT: 'eighty' }],
      ['PORT', { PORT: '70000' }],
      ['PORT', { PORT: '-1' }],
      ['PORT', { PORT: '3000.5' }],
      ['WORKER_PORT', { WORKER_PORT: 'x' }],
      ['REDIS_KEY_PREFIX', { REDIS_KEY_PREFIX: 'has spaces' }],
      ['HTTP_BODY_LIMIT_BYTES', { HTTP_BODY_LIMIT_BYTES: '10' }],
      ['EVENT_STORE', { EVENT_STORE: 'mongodb' }],
      ['SQLITE_SYNCHRONOUS', { SQLITE_SYNCHRONOUS: 'OFF' }],
      ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
      ['NODE_ENV', { NODE_ENV: 'staging' }],
      ['JWT_SECRET', { JWT_SECRET: 'too-short' }],
      ['AUDIT_DIRECTIVE_CACHE_MB', { AUDIT_DIRECTIVE_CACHE_MB: '-5' }],
      ['READ_MODEL_BUILD_CACHE_DOCS', { READ_MODEL_BUILD_CACHE_DOCS: 'lots' }],
    ] as [string, Record<string, string>][])('%s: %j', (variable, env) => {
      const error = refusal(env);
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toContain(variable);
      expect(error.message).toContain(variable);
      const value = Object.values(env)[0]!;
      // The rejected value is quoted to help fix it, except a secret, which is never echoed.
      if (variable === 'JWT_SECRET') expect(error.message).not.toContain(value);
      else expect(error.message).toContain(`"${value}"`);
    });

    it('reports several problems together, one line per variable', () => {
      const error = refusal({ PORT: 'abc', EVENT_STORE: 'postgres', SQLITE_SYNCHRONOUS: 'sometimes', LOG_LEVEL: 'loud', JWT_SECRET: 'short' });
      expect(error.name).toBe('ConfigError');
      expect(error.problems).toHaveLength(5);
      for (const variable of ['PORT', 'EVENT_STORE', 'SQLITE_SYNCHRONOUS', 'LOG_LEVEL', 'JWT_SECRET']) {
        expect(error.problems.filter((p) => p.startsWith(variable))).toHaveLength(1);
        expect(error.message).toContain(variable);
      }
      expect(error.message).toMatch(/^Invalid configuration:\n {2}- /);
      expect(error.message).toContain('"abc"');
      expect(error.message).toContain('32 characters');
    });
  });

  describe('in production', () => {
    it('refuses to start without JWT_SECRET, naming JWT_SECRET', () => {
      const error = refusal({ NODE_ENV: 'production' });
      expect(error.message).toContain('JWT_SECRET');
      expect(error.message).toMatch(/production/);
    });

    it('refuses the public development secret even when given explicitly', () => {
      expect(refusal({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET }).message).toContain('JWT_SECRET');
    });

    it('accepts a proper secret', () => {
      const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET });
      expect(c.env).toBe('production');
      expect(c.auth).toMatchObject({ secret: GOOD_SECRET, usingDevelopmentSecret: false });
    });
  });

  describe('EVENT_STORE=esdb', () => {
    it('requires EVENTSTORE_CONNECTION_STRING', () => {
      const error = refusal({ EVENT_STORE: 'esdb' });
      expect(error.problems).toHaveLength(1);
      expect(error.message).toContain('EVENTSTORE_CONNECTION_STRING');
    });

    it('uses the connection string it is given', () => {
      const connectionString = 'esdb://localhost:2113?tls=false';
      expect(loadConfig({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: connectionString }).eventStore).toEqual({ kind: 'esdb', connectionString });
    });
  });
});

describe('loadConfig: the clock and follow-up settings', () => {
  it('uses real time and reconciles reminders every minute by default', () => {
    const config = loadConfig({});
    expect(config.clock).toEqual({ start: undefined, anchor: undefined, scale: 1 });
    expect(config.followUp).toEqual({ reconcileEveryMs: 60_000, lateAfterMs: 300_000 });
  });

  it('reads a campaign clock: its start, anchor and time scale', () => {
    const config = loadConfig({ CLOCK_START: '2021-04-14T08:00:00+07:00', CLOCK_ANCHOR: '2026-01-01T00:00:00Z', TIME_SCALE: '10080' });
    expect(config.clock).toEqual({ start: '2021-04-14T01:00:00.000Z', anchor: '2026-01-01T00:00:00.000Z', scale: 10_080 });
  });

  it('names the variable and the rule for a bad clock setting', () => {
    let problems: readonly string[] = [];
    try {
      loadConfig({ CLOCK_START: '14/04/2021', TIME_SCALE: '0' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'CLOCK_START must be an ISO-8601 date-time such as 2021-04-14T08:00:00+07:00 (got "14/04/2021")',
      'TIME_SCALE must be a number from 0.001 to 1000000 (got "0")',
    ]);
  });
});

describe('loadConfig: webhook delivery', () => {
  it('tries 8 times from 2 s apart, waiting up to 10 s per request, by default', () => {
    expect(loadConfig({}).webhooks).toEqual({ maxAttempts: 8, backoffMs: 2000, timeoutMs: 10_000 });
  });

  it.each([
    ['WEBHOOK_MAX_ATTEMPTS', '0', 'from 1 to 50'],
    ['WEBHOOK_BACKOFF_MS', '5', 'from 10 to 3600000'],
    ['WEBHOOK_TIMEOUT_MS', '200000', 'from 100 to 120000'],
  ])('names %s and its range when %s is out of it', (variable, value, range) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(`${variable} must be an integer ${range} (got "${value}")`);
  });
});

describe('loadConfig: what a worker runs', () => {
  it('runs every queue unless told otherwise, and names an unknown one', () => {
    expect(loadConfig({}).workerQueues).toEqual(['read-models', 'follow-up', 'notifications']);
    expect(() => loadConfig({ WORKER_QUEUES: 'read-models,reminders' })).toThrow(
      'WORKER_QUEUES must be a comma-separated list of read-models, follow-up, notifications (got "read-models,reminders")',
    );
  });
});
