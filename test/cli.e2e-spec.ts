import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '#event-store';
import { InvalidTokenError, TokenService } from '#identity';
import { loadConfig } from '#platform';
import { catalogueSeed, directiveSeed, DISTRICTS } from './support/seed-data.js';
import { compiled, killAllPrograms, runToExit, tempDir } from './support/processes.js';

const SECRET = 'cli-e2e-secret-that-is-long-enough-0123456789';
const REGISTERED_AT = '2021-04-14T02:00:00.000Z';

afterEach(async () => {
  await killAllPrograms();
});

describe('The token CLI', () => {
  let token: string;

  beforeAll(() => {
    token = compiled('apps/cli/src/token.js');
  });

  it('prints, with --json, a unit token whose claims verify with the JWT_SECRET of the environment', async () => {
    const result = await runToExit(token, { args: ['--role', 'unit', '--unit', 'rach-gia', '--json'], env: { JWT_SECRET: SECRET }, timeoutMs: 15_000 });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const printed = JSON.parse(result.stdout) as { token: string; claims: object; expiresAt: string };
    const expected = { sub: 'unit:rach-gia', role: 'unit', unitId: 'rach-gia' };
    expect(printed.claims).toEqual(expected);
    expect(new TokenService(loadConfig({ JWT_SECRET: SECRET }).auth).verify(printed.token)).toEqual(expected);
    // Signed with JWT_SECRET, not with the development secret.
    expect(() => new TokenService(loadConfig({}).auth).verify(printed.token)).toThrow(InvalidTokenError);
    const hoursLeft = (Date.parse(printed.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(7.9);
    expect(hoursLeft).toBeLessThanOrEqual(8);
  }, 20_000);

  it('prints the bare token without --json', async () => {
    const result = await runToExit(token, { args: ['--role', 'monitor', '--name', 'Đảng ủy Công an tỉnh'], env: { JWT_SECRET: SECRET }, timeoutMs: 15_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(new TokenService(loadConfig({ JWT_SECRET: SECRET }).auth).verify(result.stdout.trim())).toEqual({
      sub: 'monitor:local',
      role: 'monitor',
      name: 'Đảng ủy Công an tỉnh',
    });
  }, 20_000);

  it('fails with a message when --role unit is given without --unit, printing no token', async () => {
    const result = await runToExit(token, { args: ['--role', 'unit'], env: { JWT_SECRET: SECRET }, timeoutMs: 15_000 });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('--unit');
    expect(result.stdout).toBe('');
  }, 20_000);

  it('prints its usage with --help and exits 0', async () => {
    const result = await runToExit(token, { args: ['--help'], timeoutMs: 15_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: token/);
    for (const option of ['--role', '--unit', '--ttl', '--json']) expect(result.stdout).toContain(option);
  }, 20_000);
});

describe('The seed CLI', () => {
  let seed: string;
  let dir: { dir: string; remove: () => void };
  let file: string;
  let firstRun: Awaited<ReturnType<typeof runToExit>>;
  let countAfterFirstRun: number;

  beforeAll(() => {
    seed = compiled('apps/cli/src/seed.js');
    dir = tempDir('directive-cli-seed-');
    file = join(dir.dir, 'events.db');
  });

  afterAll(() => dir?.remove());

  /** Reads the store the seed wrote, closing it before the next run. */
  async function readStore(): Promise<{ all: RecordedEvent[]; streams: Map<string, RecordedEvent[]> }> {
    const store = await SqliteEventStore.open({ filename: file });
    try {
      const all: RecordedEvent[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 1000 });
        all.push(...page.events);
        if (page.isEnd || page.events.length === 0) break;
        after = page.events[page.events.length - 1]!.position;
      }
      const streams = new Map<string, RecordedEvent[]>();
      for (const event of all) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
      return { all, streams };
    } finally {
      await store.close();
    }
  }

  const seedEnv = () => ({ SQLITE_FILE: file, JWT_SECRET: SECRET });
  const STEPS = catalogueSeed.units.length + catalogueSeed.groups.length + 1 + directiveSeed.assignments.length;

  it('prints its usage with --help and exits 0', async () => {
    const result = await runToExit(seed, { args: ['--help'], timeoutMs: 15_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: seed/);
    for (const option of ['--catalogue', '--directive', '--url', '--no-assign']) expect(result.stdout).toContain(option);
  }, 20_000);

  it('records, on a fresh store, the catalogue, directive 126-CV/TU and its assignments, showing progress on stderr', async () => {
    expect(STEPS).toBe(35);
    firstRun = await runToExit(seed, { env: seedEnv(), timeoutMs: 60_000 });
    expect({ code: firstRun.code, stderr: firstRun.stderr }).toMatchObject({ code: 0 });
    expect(firstRun.stdout).toContain(`${STEPS} requests recorded, 0 already there`);
    for (const step of ['1/35 unit ', '26/35 unit ', 'group district-party-committees', 'directive 126-CV/TU', 'assignments of item 1', `${STEPS}/${STEPS} assignments of item 5`]) {
      expect(firstRun.stderr).toContain(step);
    }

    const { all, streams } = await readStore();
    countAfterFirstRun = all.length;
    expect(catalogueSeed.units).toHaveLength(26);
    expect(catalogueSeed.groups).toHaveLength(3);
    expect(streams.get('catalogue-units')).toHaveLength(29);
    expect(streams.get('catalogue-units')!.filter((e) => e.type === 'UnitRegistered')).toHaveLength(26);
    expect(streams.get('registry-directives')).toHaveLength(1);
    expect(streams.get('registry-directives')![0]).toMatchObject({ type: 'DirectiveRegistered', metadata: { recordedAt: REGISTERED_AT, actor: { role: 'secretariat' } } });

    const itemStreams = [...streams.keys()].filter((id) => id.startsWith('item-')).sort();
    expect(itemStreams).toEqual([1, 2, 3, 4, 5].map((n) => `item-126-cv-tu-2021.${n}`));
    for (const id of itemStreams) {
      const [issued] = streams.get(id)!;
      expect(issued).toMatchObject({ type: 'ItemIssued', revision: 0, metadata: { actor: { role: 'secretariat' }, recordedAt: REGISTERED_AT } });
    }

    const assigned = streams.get('item-126-cv-tu-2021.1')!.filter((e) => e.type === 'UnitAssigned');
    expect(assigned).toHaveLength(17);
    const data = assigned.map((e) => e.data as { unitId: string; role: string; viaGroupId?: string });
    const leads = data.filter((d) => d.role === 'lead');
    expect(leads.map((d) => d.unitId).sort()).toEqual([...DISTRICTS].sort());
    expect(DISTRICTS).toHaveLength(15);
    expect(leads.every((d) => d.viaGroupId === 'district-party-committees')).toBe(true);
    expect(data.filter((d) => d.role === 'cooperating').map((d) => d.unitId).sort()).toEqual(['bcs-ubnd-tinh', 'dang-uy-cong-an-tinh']);
    for (const id of itemStreams) expect(streams.get(id)!.some((e) => e.type === 'UnitAssigned')).toBe(true);
  }, 90_000);

  it('writes nothing when run again, saying the requests were already there', async () => {
    if (firstRun?.code !== 0) throw new Error('the first run of the seed failed: see the previous test');
    const second = await runToExit(seed, { env: seedEnv(), timeoutMs: 60_000 });
    expect({ code: second.code, stderr: second.stderr }).toMatchObject({ code: 0 });
    expect(second.stdout).toContain(`0 requests recorded, ${STEPS} already there`);
    const { all } = await readStore();
    expect(all).toHaveLength(countAfterFirstRun);
  }, 90_000);
});
