import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { SqliteEventStore } from '#event-store';
import { deleteNamespaceAt } from '#jobs';
import { ManualClock } from '#platform';
import { recordCampaign, STREAM_1, STREAM_2 } from '../libs/audit/src/verify/chain-campaign.fixtures.js';
import { compiled, killAllPrograms, runToExit, tempDir } from './support/processes.js';

afterEach(async () => {
  await killAllPrograms();
});

describe('The audit CLI (npm run audit -- verify)', () => {
  let audit: string;
  let dir: { dir: string; remove: () => void };
  let file: string;
  const prefix = `test-audit-cli-${randomUUID().slice(0, 8)}`;
  const env = () => ({ SQLITE_FILE: file, CLOCK_START: '2021-06-01T00:00:00.000Z', TIME_SCALE: '1', REDIS_KEY_PREFIX: prefix });
  const run = (...args: string[]) => runToExit(audit, { args: ['verify', ...args], env: env(), timeoutMs: 20_000 });
  const lastVerification = async () => {
    const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    try {
      const raw = await redis.get(`${prefix}:audit:last-verification`);
      return raw ? JSON.parse(raw) : null;
    } finally {
      redis.disconnect();
    }
  };
  const anchors = (): number => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM events WHERE stream_id = 'audit-anchors'`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    audit = compiled('apps/cli/src/audit.js');
    dir = tempDir('directive-cli-audit-');
    file = join(dir.dir, 'events.db');
    const store = await SqliteEventStore.open({ filename: file });
    try {
      await recordCampaign(store, new ManualClock('2021-04-14T02:00:00.000Z'));
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    dir?.remove();
    await deleteNamespaceAt('redis://127.0.0.1:6379', prefix);
  });

  it('prints its usage with --help and exits 0', async () => {
    const result = await runToExit(audit, { args: ['verify', '--help'], timeoutMs: 15_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: audit verify/);
    for (const option of ['--stream', '--anchor', '--json']) expect(result.stdout).toContain(option);
  }, 20_000);

  it('refuses a store file that does not exist rather than verify an empty one', async () => {
    const result = await runToExit(audit, { args: ['verify'], env: { SQLITE_FILE: join(dir.dir, 'typo.db') }, timeoutMs: 20_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`there is no event store at ${join(dir.dir, 'typo.db')}`);
  }, 30_000);

  it('reports an intact store and exits 0', async () => {
    const result = await run();
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^intact: 2 streams, 16 events verified at 2021-06-01T.*, no anchor yet\n$/);
    expect(await lastVerification()).toMatchObject({ ok: true, events: 16, brokenCount: 0, via: 'cli' });
  }, 30_000);

  it('still verifies when Redis does not answer, noting that the dashboards’ audit badge was not updated', async () => {
    const result = await runToExit(audit, { args: ['verify'], env: { ...env(), REDIS_URL: 'redis://127.0.0.1:1' }, timeoutMs: 20_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^intact: 2 streams, 16 events/);
    expect(result.stderr).toContain('was not kept for the dashboards’ audit badge');
  }, 30_000);

  it('refuses --anchor with --stream, recording nothing', async () => {
    const result = await run('--anchor', '--stream', STREAM_1);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot be combined with --stream');
    expect(anchors()).toBe(0);
  }, 30_000);

  it('records an anchor with --anchor, which the next verification names', async () => {
    const anchored = await run('--anchor');
    expect(anchored.code).toBe(0);
    expect(anchored.stdout).toContain('anchored 2 stream heads in audit-anchors at revision 0');
    const result = await run('--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, streams: 3, events: 17, anchoredAt: expect.stringMatching(/^2021-06-01T/) });
  }, 30_000);

  describe('after a row of the file was edited and another deleted', () => {
    beforeAll(() => {
      const db = new Database(file);
      try {
        db.prepare(`UPDATE events SET data = json_set(data, '$.narrative', 'Đã sửa') WHERE stream_id = ? AND revision = 5`).run(STREAM_1);
        db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 7').run(STREAM_2);
      } finally {
        db.close();
      }
    });

    it('names each broken link (stream, revision, kind) and exits 1', async () => {
      const result = await run();
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^BROKEN: 3 streams, 16 events/);
      expect(result.stdout).toContain(`${STREAM_1}  revision 5  edited: `);
      expect(result.stdout).toContain(`${STREAM_2}  revision 7  truncated: the stream ends at revision 6, but revision 7 was anchored`);
      expect(result.stdout).toMatch(/\$all {2}revision -1 \(position \d+\) {2}missing: /);
      expect(await lastVerification()).toMatchObject({ ok: false, brokenCount: 3, via: 'cli' });
    }, 30_000);

    it('prints the same as JSON with --json, for one stream with --stream', async () => {
      const result = await run('--json', '--stream', STREAM_1);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, streams: 1, events: 8, broken: [{ streamId: STREAM_1, revision: 5, kind: 'edited' }] });
    }, 30_000);

    it('refuses to anchor, saying so, and exits 1', async () => {
      const result = await run('--anchor');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('no anchor recorded: the store does not verify');
      expect(anchors()).toBe(1);
    }, 30_000);
  });
});
