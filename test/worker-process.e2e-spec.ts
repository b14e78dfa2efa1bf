import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ChildProgram, compiled, freePort, getWithin, killAllPrograms, runToExit, tempDir } from './support/processes.js';

const SECRET = 'worker-process-secret-that-is-long-enough-0123456789';

/** A health check reported either as `'up'` or as `{ status: 'up', … }`. */
const stateOf = (check: unknown) => (typeof check === 'string' ? check : (check as { status?: string } | undefined)?.status);

/** The compiled worker (`dist/apps/worker/src/main.js`) as a real process. */
describe('The worker process', () => {
  let main: string;
  const cleanups: (() => void)[] = [];

  beforeAll(() => {
    main = compiled('apps/worker/src/main.js');
  });

  afterEach(async () => {
    await killAllPrograms();
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  const sqliteFile = () => {
    const { dir, remove } = tempDir('directive-worker-process-');
    cleanups.push(remove);
    return join(dir, 'events.db');
  };

  async function startWorker(): Promise<{ worker: ChildProgram; url: string }> {
    const port = await freePort();
    const worker = ChildProgram.start(main, { env: { HOST: '127.0.0.1', WORKER_PORT: String(port), SQLITE_FILE: sqliteFile(), LOG_LEVEL: 'info', JWT_SECRET: SECRET } });
    await worker.waitFor('a "ready" log line', () => worker.jsonLines().find((l) => typeof l.msg === 'string' && /ready/.test(l.msg)), 20_000);
    return { worker, url: `http://127.0.0.1:${port}` };
  }

  it('starts and logs that it is ready, with where its health is', async () => {
    const { worker, url } = await startWorker();
    const ready = worker.jsonLines().find((l) => typeof l.msg === 'string' && /ready/.test(l.msg))!;
    expect(ready).toMatchObject({ level: 'info', service: 'worker', health: `${url}/health` });
  }, 30_000);

  it('answers /health on WORKER_PORT: status ok, Redis and the event store up', async () => {
    const { url } = await startWorker();
    const res = await getWithin(`${url}/health`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok' });
    expect(stateOf(res.json.checks?.redis)).toBe('up');
    expect(stateOf(res.json.checks?.eventStore)).toBe('up');
  }, 30_000);

  it('answers /metrics in the Prometheus text format, with process metrics', async () => {
    const { url } = await startWorker();
    const res = await getWithin(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^# HELP process_cpu/m);
    expect(res.text).toMatch(/^process_cpu_seconds_total \d/m);
  }, 30_000);

  it('exits with code 0 on SIGTERM', async () => {
    const { worker, url } = await startWorker();
    expect((await getWithin(`${url}/health`)).status).toBe(200);
    worker.child.kill('SIGTERM');
    const exit = await worker.waitForExit(15_000);
    expect({ exit, stderr: worker.stderr }).toMatchObject({ exit: { code: 0, signal: null } });
  }, 30_000);

  it('refuses to start without Redis, saying Redis is required and how to start it', async () => {
    const port = await freePort();
    const result = await runToExit(main, {
      env: { HOST: '127.0.0.1', WORKER_PORT: String(port), SQLITE_FILE: sqliteFile(), LOG_LEVEL: 'info', JWT_SECRET: SECRET, REDIS_URL: 'redis://127.0.0.1:6399' },
      timeoutMs: 25_000,
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('Redis is required');
    expect(result.stderr).toContain('redis://127.0.0.1:6399');
    expect(result.stderr).toMatch(/start it with: redis-server/);
  }, 30_000);
});
