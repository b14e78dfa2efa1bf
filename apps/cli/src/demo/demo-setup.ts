/**
 * A fresh start for every run: the demo's own event store file and its own Redis namespace are
 * emptied first, so the campaign always plays the same way. Both are checked not to be the
 * engine's main ones (./data/events.db, the `directive-engine` prefix) before anything is deleted.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { DemoSetupError } from './engine-processes.js';
import { deleteNamespace } from '#jobs';

/** The namespace the engine uses by default: never cleared by the demo. */
const ENGINE_PREFIX = 'directive-engine';
const START_REDIS = 'start it with: redis-server --daemonize yes --port 6379 --save "" --appendonly no   (or: docker run -d -p 6379:6379 redis:7)';

export interface DemoFiles {
  readonly dir: string;
  readonly store: string;
  readonly apiLog: string;
  readonly workerLog: string;
}

/** The demo's files under `dataDir`, refusing a folder whose events.db is the engine's main store. */
export function demoFiles(dataDir: string, root: string, mainStore: string | undefined): DemoFiles {
  const dir = resolve(dataDir);
  const store = join(dir, 'events.db');
  const protectedStores = [resolve(root, 'data/events.db'), resolve(mainStore ?? 'data/events.db'), resolve(root, mainStore ?? 'data/events.db')];
  if (protectedStores.includes(store)) {
    throw new DemoSetupError(`refusing --data-dir ${dataDir}: its events.db is the engine's own store (${store}); the demo deletes its store at every run, so give it a folder of its own (default ./data/demo)`);
  }
  return { dir, store, apiLog: join(dir, 'api.log'), workerLog: join(dir, 'worker.log') };
}

/** Deletes the previous run's store (with its -wal and -shm) and logs, and makes sure the folder exists. */
export function freshFiles(files: DemoFiles): void {
  mkdirSync(files.dir, { recursive: true });
  for (const file of [files.store, `${files.store}-wal`, `${files.store}-shm`, files.apiLog, files.workerLog]) rmSync(file, { force: true });
}

/**
 * Checks that Redis answers and deletes every key of the demo's namespace (SCAN + UNLINK, never
 * FLUSHALL: the Redis may be shared). Returns how many keys it deleted.
 */
export async function freshRedisNamespace(url: string, prefix: string): Promise<number> {
  if (prefix === ENGINE_PREFIX) throw new DemoSetupError(`refusing REDIS_KEY_PREFIX=${prefix}: it is the engine's own namespace, and the demo clears its namespace at every run`);
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  let lastError = '';
  redis.on('error', (error: Error) => (lastError = error.message));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new DemoSetupError(`Redis does not answer at ${redact(url)} (${lastError || (error as Error).message}); ${START_REDIS}`);
  }
  try {
    return await deleteNamespace(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

const redact = (url: string) => url.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
