import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EsdbEventStore, SqliteEventStore, type EventStore, type RecordedEvent } from '#event-store';
import { TokenService, type TokenRole } from '#identity';
import { createLogger, loadConfig, ManualClock } from '#platform';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { deleteNamespaceAt } from '#jobs';

export const TEST_SECRET = 'e2e-test-secret-that-is-long-enough-0123456789';

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

/**
 * The real API listening on a random local port, on a real SQLite file in a fresh temporary
 * folder, with real Redis and a clock the test moves. `events()` reads the store directly so
 * that a test can prove what was (or was not) written.
 */
export interface TestApi {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly clock: ManualClock;
  readonly file: string;
  readonly store: EventStore;
  token(role: TokenRole, unitId?: string, name?: string): string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Every event in the store, in global order. */
  allEvents(): Promise<RecordedEvent[]>;
  stream(streamId: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** The engine clock's start (default: 2021-04-14 09:00 +07). */
  readonly start?: string;
  /** An existing SQLite file to share (another API "process" on the same store). */
  readonly file?: string;
  /** Run on EventStoreDB at this connection string instead of a SQLite file. */
  readonly esdb?: string;
  /** Also run the worker (read models) in this process, on the same store and Redis namespace. */
  readonly worker?: boolean;
  /** Redis to use (default: the shared one on 127.0.0.1:6379, under a key prefix of this app's own). */
  readonly redisUrl?: string;
  /** The Redis key prefix (default: one of this app's own). */
  readonly keyPrefix?: string;
  readonly env?: Record<string, string>;
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const dir = options.file ? undefined : mkdtempSync(join(tmpdir(), 'directive-e2e-'));
  const file = options.file ?? join(dir!, 'events.db');
  const storeEnv = options.esdb ? { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: options.esdb } : { SQLITE_FILE: file };
  const redisEnv = { REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: options.keyPrefix ?? `test-${randomUUID().slice(0, 8)}` };
  const config = loadConfig({ ...storeEnv, ...redisEnv, JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', PORT: '0', ...options.env });
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', service: 'e2e' });
  const clock = new ManualClock(options.start ?? '2021-04-14T02:00:00.000Z');
  const store: EventStore = options.esdb
    ? await EsdbEventStore.open({ connectionString: options.esdb })
    : await SqliteEventStore.open({ filename: file });
  const app = await createApiApp({ config, logger, clock, store });
  const worker: INestApplicationContext | undefined = options.worker
    ? await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, logger, clock, store }), { logger: false })
    : undefined;
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const tokens = new TokenService(config.auth);
  return {
    app,
    url,
    clock,
    file,
    store,
    token: (role, unitId, name) => tokens.sign({ sub: `${role}:${unitId ?? 'e2e'}`, role, ...(unitId ? { unitId } : {}), ...(name ? { name } : {}) }),
    request: (method, path, opts = {}) => send(url, method, path, opts),
    allEvents: () => readEverything(store),
    stream: (streamId) => store.readStream(streamId),
    close: async () => {
      await worker?.close();
      await app.close();
      await deleteNamespaceAt(config.redis.url, config.redis.keyPrefix);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function send<T>(url: string, method: string, path: string, opts: RequestOptions): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1000 });
    all.push(...page.events);
    if (page.isEnd || page.events.length === 0) return all;
    after = page.events[page.events.length - 1]!.position;
  }
}
