import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { connect, createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { deleteNamespaceAt } from '#jobs';
import { eventually } from './support/eventually.js';
import { ChildProgram, compiled, freePort, killAllPrograms, tempDir } from './support/processes.js';

const DIRECTIVE = '126-cv-tu-2021';
const ITEMS = [1, 2, 3, 4, 5].map((n) => `${DIRECTIVE}.${n}`);
const TARGET = 1_171_200;
/** The shortest campaign that stays reliable on a 2-core machine: the assertions hold however late the driver runs. */
const DURATION_SECONDS = 20;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface HistoryEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Whether something accepts connections on 127.0.0.1:port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const free = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A port whose next one is free too (the demo's worker listens on --port + 1). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port < 65535 && (await free(port + 1))) return port;
  }
}

/**
 * `npm run demo` as a person runs it: the compiled CLI starts the API and the worker as child
 * processes on a scaled clock, plays 126-CV/TU's campaign through the HTTP API, restarts the engine
 * on a real-time clock at the campaign's end, prints the dashboard address and tokens, and stops
 * its children on SIGTERM. What the campaign left is checked through the API with the printed token.
 */
describe('The demo CLI', () => {
  const dir = tempDir('directive-demo-');
  const prefix = `demo-e2e-${process.pid}-${Date.now().toString(36)}`;
  let demo: ChildProgram | undefined;

  afterEach(async () => {
    // A demo left running (a failed assertion) is asked to stop its children first: SIGKILL would orphan them.
    if (demo && !demo.hasExited) {
      demo.child.kill('SIGTERM');
      await demo.waitForExit(60_000).catch(() => undefined);
    }
    await killAllPrograms(30_000);
  });
  afterAll(async () => {
    dir.remove();
    await deleteNamespaceAt(REDIS_URL, prefix);
  });

  it('plays the campaign, serves its end with the printed address and token, and stops its children on SIGTERM', async () => {
    const port = await freePortPair();
    demo = ChildProgram.start(compiled('apps/cli/src/demo.js'), {
      args: ['--duration', String(DURATION_SECONDS), '--port', String(port), '--data-dir', dir.dir],
      env: { REDIS_KEY_PREFIX: prefix, REDIS_URL },
    });
    const program = demo;
    const dashboard = await program.waitFor('the dashboard address', () => /^Dashboard:\s+(\S+)$/m.exec(program.stdout)?.[1], 240_000);
    // The addresses and tokens arrive as several writes: wait for the last line before reading them.
    await program.waitFor('the end of the addresses', () => /^Press Ctrl\+C to stop the engine\.$/m.test(program.stdout) || undefined, 5000);
    const token = /^\s+monitor \(.+\) token: (\S+)$/m.exec(program.stdout)![1]!;
    expect(dashboard).toBe(`http://127.0.0.1:${port}/app/`);
    expect(program.stdout).toContain(`http://127.0.0.1:${port}/docs`);
    expect(program.stdout).toMatch(/^\s+secretariat \(.+\) token: \S+$/m);
    expect(program.stdout).toMatch(/^\s+unit rach-gia \(.+\) token: \S+$/m);
    expect(program.stdout).toContain('Số liệu minh họa');
    expect(existsSync(join(dir.dir, 'api.log')) && existsSync(join(dir.dir, 'worker.log'))).toBe(true);

    const base = `http://127.0.0.1:${port}`;
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as any;
    };
    const history = async (itemId: string): Promise<HistoryEvent[]> => {
      const events: HistoryEvent[] = [];
      for (let from: number | null = 0; from !== null; ) {
        const page = await get(`/items/${itemId}/events?fromRevision=${from}&limit=1000`);
        events.push(...page.events);
        from = page.nextRevision;
      }
      return events;
    };

    // Item 1: the districts' (illustrative) figures add up to about the target.
    const cardsIssued = async () => (await get(`/dashboard/targets/${ITEMS[0]}`)).metrics.find((m: { metric: string }) => m.metric === 'cards_issued');
    const cards = await eventually('item 1 near its target', cardsIssued, (m) => Math.abs(m.latest - TARGET) / TARGET < 0.01, 30_000);
    expect(cards.percent).toBeGreaterThanOrEqual(99);

    const events = new Map<string, HistoryEvent[]>();
    for (const itemId of ITEMS) events.set(itemId, await history(itemId));
    const all = [...events.values()].flat();
    const ofType = (type: string) => all.filter((e) => e.type === type);
    // The worker sent reminders by itself; the monitor accepted completions; the secretariat closed an item.
    expect(ofType('ReminderSent').length).toBeGreaterThan(0);
    expect(ofType('CompletionAccepted').length).toBeGreaterThan(0);
    expect(ofType('CompletionRejected').length).toBeGreaterThan(0);
    expect(ofType('ItemClosed').length).toBeGreaterThan(0);
    // Kiên Hải obtained its extension on item 4.
    expect(events.get(ITEMS[3])!.filter((e) => e.type === 'ExtensionApproved').map((e) => e.data.unitId)).toEqual(['kien-hai']);

    // An early warning raised and resolved by the monitor; Kiên Hải's missed deadline escalated.
    const escalations = await eventually(
      'the missed deadline of Kiên Hải among the escalations',
      () => get(`/dashboard/escalations?directiveId=${DIRECTIVE}`),
      (list) => list.escalations.some((e: { rule: string; unitId?: string }) => e.rule === 'deadline_missed' && e.unitId === 'kien-hai'),
      30_000,
    );
    expect(escalations.escalations.some((e: { rule: string; status: string }) => e.rule === 'at_risk' && e.status === 'resolved')).toBe(true);
    expect(escalations.resolved).toBeGreaterThanOrEqual(1);

    // The history was verified at the end, so the dashboard's audit badge shows the played campaign intact.
    expect(program.stdout).toMatch(/History verified: \d+ events, hash chains intact\./);
    const last = (await get('/audit/verify/last')).last;
    expect(last).toMatchObject({ ok: true, via: 'verify' });
    expect(last.events).toBeGreaterThan(1000);

    program.child.kill('SIGTERM');
    const exit = await program.waitForExit(60_000);
    expect(exit).toEqual({ code: 0, signal: null });
    // Its children are gone with it: nothing listens where the API and the worker did.
    expect(await listening(port)).toBe(false);
    expect(await listening(port + 1)).toBe(false);
  }, 420_000);
});
