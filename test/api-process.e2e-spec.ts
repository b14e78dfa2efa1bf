import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ChildProgram, compiled, freePort, getWithin, killAllPrograms, runToExit, tempDir } from './support/processes.js';

const SECRET = 'api-process-secret-that-is-long-enough-0123456789';

/**
 * The compiled API (`dist/apps/api/src/main.js`) as operators run it: a real process, configured
 * by its environment, on a real SQLite file and the local Redis.
 */
describe('The API process', () => {
  let main: string;
  const cleanups: (() => void)[] = [];

  beforeAll(() => {
    main = compiled('apps/api/src/main.js');
  });

  afterEach(async () => {
    await killAllPrograms();
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  const sqliteFile = () => {
    const { dir, remove } = tempDir('directive-api-process-');
    cleanups.push(remove);
    return join(dir, 'events.db');
  };

  async function startApi(): Promise<{ api: ChildProgram; url: string; file: string }> {
    const port = await freePort();
    const file = sqliteFile();
    const api = ChildProgram.start(main, { env: { HOST: '127.0.0.1', PORT: String(port), SQLITE_FILE: file, LOG_LEVEL: 'info', JWT_SECRET: SECRET } });
    const url = `http://127.0.0.1:${port}`;
    await api.waitFor('a log line with the URL it listens on', () => api.jsonLines().find((line) => line.url === url), 20_000);
    return { api, url, file };
  }

  it('prints a structured JSON log line with the URL it listens on', async () => {
    const { api, url, file } = await startApi();
    const line = api.jsonLines().find((l) => l.url === url)!;
    expect(line).toMatchObject({ level: 'info', service: 'api', url, docs: `${url}/docs`, eventStore: 'sqlite' });
    expect(typeof line.time).toBe('string');
    expect(line.msg).toContain(url);
    const lines = api.stdout.split('\n').filter((l) => l.trim() !== '');
    expect(api.jsonLines()).toHaveLength(lines.length);
    expect(existsSync(file)).toBe(true);
  }, 30_000);

  it('answers /health with status ok, the event store and Redis up', async () => {
    const { url } = await startApi();
    const res = await getWithin(`${url}/health`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', checks: { eventStore: { status: 'up', kind: 'sqlite' }, redis: { status: 'up' } } });
  }, 30_000);

  it('exits with code 0 on SIGTERM', async () => {
    const { api, url } = await startApi();
    expect((await getWithin(`${url}/health`)).status).toBe(200);
    api.child.kill('SIGTERM');
    const exit = await api.waitForExit(15_000);
    expect({ exit, stderr: api.stderr }).toMatchObject({ exit: { code: 0, signal: null } });
    expect(api.jsonLines().some((l) => typeof l.msg === 'string' && l.msg.includes('SIGTERM'))).toBe(true);
    await expect(getWithin(`${url}/health`, 2000)).rejects.toThrow();
  }, 30_000);

  it('refuses to start in production without JWT_SECRET, naming JWT_SECRET on stderr', async () => {
    const file = sqliteFile();
    const port = await freePort();
    const result = await runToExit(main, { env: { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), SQLITE_FILE: file, LOG_LEVEL: 'info' }, timeoutMs: 20_000 });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('JWT_SECRET');
    expect(result.stderr).toContain('Invalid configuration');
    // Refused before opening anything.
    expect(existsSync(file)).toBe(false);
  }, 30_000);

  it('refuses to start without Redis, saying Redis is required and how to start it', async () => {
    const port = await freePort();
    const result = await runToExit(main, {
      env: { HOST: '127.0.0.1', PORT: String(port), SQLITE_FILE: sqliteFile(), LOG_LEVEL: 'info', JWT_SECRET: SECRET, REDIS_URL: 'redis://127.0.0.1:6399' },
      timeoutMs: 25_000,
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('Redis is required');
    expect(result.stderr).toContain('redis://127.0.0.1:6399');
    expect(result.stderr).toMatch(/start it with: redis-server/);
  }, 30_000);
});
