import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { SqliteEventStore } from '#event-store';
import { TokenService } from '#identity';
import { startApiProcess } from './support/api-process.js';
import { connect, post as send, runLoad, type LoadResult } from './support/load.js';
import type { Pool } from 'undici';
import { measureRawCeiling } from './support/raw-ceiling.js';
import { percentiles, progress, round } from './support/stats.js';

const SECRET = 'bench-secret-that-is-long-enough-0123456789';
const AUTH = { secret: SECRET, issuer: 'directive-engine', audience: 'directive-engine' };

const program = new Command('bench:ingest')
  .description('Progress reports over HTTP with durable appends: spread over many items, then all on one item, beside the raw SQLite ceiling measured in the same run on the same disk.')
  .option('--seconds <n>', 'measured seconds per phase', Number, 10)
  .option('--warmup <n>', 'warm-up seconds per phase', Number, 2)
  .option('--clients <n>', 'concurrent clients', Number, 64)
  .option('--items <n>', 'items the spread phase writes to', Number, 100)
  .option('--dir <path>', 'folder for the store files (default: a temporary folder on the system disk)')
  .option('--json', 'print the results as JSON');

interface Options {
  seconds: number;
  warmup: number;
  clients: number;
  items: number;
  dir?: string;
  json?: boolean;
}

program.action(async (opts: Options) => {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const say = progress('bench:ingest');
  try {
    say('measuring the raw ceiling (one event per transaction, synchronous=FULL)');
    const raw = measureRawCeiling(dir, Math.min(opts.seconds, 5));
    say(`raw ceiling ${Math.round(raw.eventsPerSecond)} events/s`, true);
    const file = join(dir, 'events.db');
    const api = await startApiProcess({ SQLITE_FILE: file, JWT_SECRET: SECRET, PORT: '0' });
    const pool = connect(api.url, opts.clients);
    let results: { spread: LoadResult; single: LoadResult };
    try {
      const fixture = await prepare(pool, opts, say);
      results = await measure(pool, opts, fixture, say);
    } finally {
      await pool.close();
      await api.stop();
    }
    const lost = await countLost(file, results);
    report(opts, raw.eventsPerSecond, results, lost);
    if (lost.spread > 0 || lost.single > 0) process.exitCode = 1;
  } finally {
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  }
});

interface Fixture {
  unitTokens: string[];
  itemIds: string[];
  asOf: string;
}

async function prepare(pool: Pool, opts: Options, say: (t: string, d?: boolean) => void): Promise<Fixture> {
  const tokens = new TokenService(AUTH);
  const secretariat = tokens.sign({ sub: 'bench:secretariat', role: 'secretariat' });
  const unitIds = Array.from({ length: opts.clients }, (_, i) => `bench-unit-${String(i + 1).padStart(3, '0')}`);
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const deadline = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const post = async (path: string, token: string, body: unknown) => {
    const res = await send(pool, path, token, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.text}`);
  };
  say('registering units, a directive and its items');
  await post('/units', secretariat, { id: 'bench-province', name: 'Tỉnh (benchmark)', kind: 'provincial_party_committee' });
  for (const id of unitIds) await post('/units', secretariat, { id, name: `Đơn vị ${id}`, kind: 'district_party_committee', parentId: 'bench-province' });
  await post('/unit-groups', secretariat, { id: 'bench-units', name: 'Benchmark units', memberIds: unitIds });
  const items = Array.from({ length: opts.items }, (_, i) => ({ number: i + 1, title: `Nhiệm vụ ${i + 1}`, text: 'Benchmark item', deadline, targets: [{ metric: 'cards_issued', value: 1_000_000 }] }));
  const directive = { id: 'bench-2021', issuer: 'Benchmark', number: 'BENCH-1', issuedOn: today, subject: 'Benchmark', signer: { name: 'Bench', title: 'Bench' }, addressees: [], items };
  await post('/directives', secretariat, directive);
  const itemIds = items.map((i) => `bench-2021.${i.number}`);
  for (const itemId of itemIds) await post(`/items/${itemId}/assignments`, secretariat, { assignees: [{ groupId: 'bench-units', role: 'lead' }] });
  const unitTokens = unitIds.map((unitId) => tokens.sign({ sub: `bench:${unitId}`, role: 'unit', unitId }));
  let acknowledged = 0;
  await Promise.all(
    unitTokens.map(async (token) => {
      for (const itemId of itemIds) {
        await post(`/items/${itemId}/acknowledgements`, token, {});
        if (++acknowledged % 500 === 0) say(`acknowledgements ${acknowledged}/${unitTokens.length * itemIds.length}`);
      }
    }),
  );
  say(`prepared ${opts.clients} units on ${opts.items} items (${acknowledged} acknowledgements)`, true);
  return { unitTokens, itemIds, asOf: today };
}

async function measure(pool: Pool, opts: Options, f: Fixture, say: (t: string, d?: boolean) => void) {
  const reportOn = (itemOf: (client: number, seq: number) => string, base: number) => (client: number, seq: number) => ({
    path: `/items/${itemOf(client, seq)}/progress-reports`,
    token: f.unitTokens[client]!,
    body: { asOf: f.asOf, metrics: { cards_issued: base + seq }, narrative: `Báo cáo ${seq} của đơn vị ${client + 1}` },
  });
  const tick = (phase: string) => (done: number) => say(`${phase}: ${done} reports`);
  const spread = await runLoad(pool, opts.clients, opts.seconds, opts.warmup, reportOn((c, s) => f.itemIds[(c + s) % f.itemIds.length]!, 0), tick('spread'));
  say(`spread over ${opts.items} items: ${Math.round(spread.completed / spread.seconds)} reports/s`, true);
  const single = await runLoad(pool, opts.clients, opts.seconds, opts.warmup, reportOn(() => f.itemIds[0]!, 10_000_000), tick('one item'));
  say(`all on one item: ${Math.round(single.completed / single.seconds)} reports/s`, true);
  return { spread, single };
}

/** Accepted reports (201) that are not in the store: must be zero. */
async function countLost(file: string, results: { spread: LoadResult; single: LoadResult }) {
  const store = await SqliteEventStore.open({ filename: file });
  try {
    const stored = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 10_000 });
      for (const e of page.events) if (e.type === 'ProgressReported') stored.add((e.data as { reportId: string }).reportId);
      if (page.isEnd || page.events.length === 0) break;
      after = page.events[page.events.length - 1]!.position;
    }
    const missing = (ids: string[]) => ids.filter((id) => !stored.has(id)).length;
    return { spread: missing(results.spread.ids), single: missing(results.single.ids), stored: stored.size };
  } finally {
    await store.close();
  }
}

function report(opts: Options, rawPerSecond: number, r: { spread: LoadResult; single: LoadResult }, lost: { spread: number; single: number; stored: number }) {
  const phase = (x: LoadResult) => ({ reportsPerSecond: round(x.completed / x.seconds, 0), ...percentiles(x.latenciesMs), statuses: x.byStatus });
  const spread = phase(r.spread);
  const single = phase(r.single);
  const summary = {
    clients: opts.clients,
    seconds: opts.seconds,
    rawCeilingEventsPerSecond: round(rawPerSecond, 0),
    spread: { items: opts.items, ...spread, ratioToRawCeiling: round(spread.reportsPerSecond / rawPerSecond), lostWrites: lost.spread },
    singleItem: { ...single, ratioToSpread: round(single.reportsPerSecond / spread.reportsPerSecond), lostWrites: lost.single },
  };
  if (opts.json) return void console.log(JSON.stringify(summary, null, 2));
  console.log(`
raw ceiling (1 event/transaction, synchronous=FULL, same disk): ${summary.rawCeilingEventsPerSecond} events/s
spread over ${opts.items} items, ${opts.clients} clients: ${spread.reportsPerSecond} reports/s = ${summary.spread.ratioToRawCeiling}x raw ceiling; p50 ${spread.p50} ms, p99 ${spread.p99} ms; statuses ${JSON.stringify(spread.statuses)}; lost writes ${lost.spread}
all on one item, ${opts.clients} clients:       ${single.reportsPerSecond} reports/s = ${summary.singleItem.ratioToSpread}x spread; p50 ${single.p50} ms, p99 ${single.p99} ms; statuses ${JSON.stringify(single.statuses)}; lost writes ${lost.single}
(${lost.stored} progress reports stored in all)`);
}

program.parseAsync().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
