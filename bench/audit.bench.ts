import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createHash } from 'node:crypto';
import { Command } from 'commander';
import type { Redis } from 'ioredis';
import { DirectiveReplayer, entriesOf, ItemReplayer, overviewAt, plainItemState, type AsOf, type DirectiveReplay, type ItemReplayResult, type Knowledge } from '#audit';
import { itemView, type IssuedItemState } from '#directives';
import { SqliteEventStore, type EventStore } from '#event-store';
// The helper module alone: the '#testing' index also loads the test framework's assertions.
import { startPrivateRedis } from '../libs/testing/src/private-redis.js';
import { writeDirective } from './support/audit-log.js';
import { progress, round } from './support/stats.js';

const program = new Command('bench:audit')
  .description('As-of queries from snapshots and checkpoints, beside full replays from the start of the same log in the same run; exits 1 when the two answers differ.')
  .option('--item-events <n>', 'events of the item asked as of several instants', Number, 10_000)
  .option('--directive-events <n>', 'events in the items of the directive asked as of an instant', Number, 1_000_000)
  .option('--directive-units <n>', 'units reporting daily on the directive (days = events ÷ units)', Number, 10_000)
  .option('--runs <n>', 'timed runs of each item query (the median is kept)', Number, 5)
  .option('--skip-item', 'only the directive')
  .option('--skip-directive', 'only the item')
  .option('--json', 'print the results as JSON');

interface Options {
  itemEvents: number;
  directiveEvents: number;
  directiveUnits: number;
  runs: number;
  skipItem?: boolean;
  skipDirective?: boolean;
  json?: boolean;
}

const say = progress('bench:audit');
const KEYS = 'bench-audit';

/**
 * The time `run` takes, started after a full garbage collection (`npm run bench:audit` gives Node
 * `--expose-gc`): a question must not pay for the garbage the one before it left (a full replay
 * of the directive leaves hundreds of thousands of documents behind).
 */
async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const plainView = (r: ItemReplayResult): unknown => JSON.parse(JSON.stringify(itemView(r.state as IssuedItemState, r.revision, r.asAt, { subject: 'bench', role: 'monitor' })));

async function itemPhase(store: EventStore, redis: Redis, events: number, runs: number) {
  const days = 100;
  const units = Math.max(1, Math.round(events / (days + days / 7 + 2)));
  const written = await writeDirective(store, { directiveId: 'bench-item-2021', units, days, followUp: true }, (n) => say(`item log: ${n} events`));
  say(`item log: ${written.events} events (${units} units, ${days} days, weekly reminders and corrections)`, true);
  const full = () => new ItemReplayer(store, { keyPrefix: KEYS });
  const cold = () => new ItemReplayer(store, { redis, keyPrefix: KEYS, decodedBudget: 0 });
  const warm = new ItemReplayer(store, { redis, keyPrefix: KEYS });
  const build = await timed(() => warm.replay(ITEM, { at: written.dayAt(days + 1), knowledge: 'recorded' }));
  say(`item: first query at the end wrote the snapshots in ${round(build.ms)} ms`, true);
  const rows = [];
  for (const day of [25, 50, 75, 95, 100]) {
    for (const knowledge of ['recorded', 'current'] as const) {
      const asOf: AsOf = { at: new Date(Date.parse(written.dayAt(day)) + 1800_000).toISOString(), knowledge };
      const answers = { full: await measure(full, asOf, runs), cold: await measure(cold, asOf, runs), warm: await measure(() => warm, asOf, runs) };
      const same = isDeepStrictEqual(answers.full.plain, answers.cold.plain) && isDeepStrictEqual(answers.full.plain, answers.warm.plain);
      const ms = (k: keyof typeof answers) => round(answers[k].ms);
      rows.push({ day, knowledge, folded: { full: answers.full.folded, fromSnapshot: answers.cold.folded }, fullMs: ms('full'), coldMs: ms('cold'), warmMs: ms('warm'), coldRatio: round(answers.full.ms / answers.cold.ms, 1), warmRatio: round(answers.full.ms / answers.warm.ms, 1), same });
      say(`item as of day ${day} (${knowledge}): full ${ms('full')} ms, snapshot from Redis ${ms('cold')} ms, decoded in process ${ms('warm')} ms`);
    }
  }
  say('item: done', true);
  return { events: written.events, units, days, buildMs: round(build.ms), rows };
}

const ITEM = 'bench-item-2021.1';

/** The median time of `runs` answers (replay and view), each by the replayer `make` gives, and the last answer as plain data. */
async function measure(make: () => ItemReplayer, asOf: AsOf, runs: number) {
  const times: number[] = [];
  let last: { r: ItemReplayResult; view: unknown } | undefined;
  for (let run = 0; run < runs; run++) {
    const replayer = make();
    const answer = await timed(async () => {
      const r = await replayer.replay(ITEM, asOf);
      return { r, view: plainView(r) };
    });
    times.push(answer.ms);
    last = answer.value;
  }
  return { ms: median(times), folded: last!.r.folded, plain: { view: last!.view, state: plainItemState(last!.r.state) } };
}

async function directivePhase(store: EventStore, redis: Redis, events: number, units: number) {
  const days = Math.max(1, Math.round(events / units));
  const directiveId = 'bench-directive-2021';
  const written = await writeDirective(store, { directiveId, units, days }, (n) => say(`directive log: ${n} events`));
  say(`directive log: ${written.events} events (${units} units reporting daily for ${days} days)`, true);
  const at = new Date(Date.parse(written.dayAt(Math.round(days * 0.95))) + 1800_000).toISOString();
  const query = async (replayer: DirectiveReplayer, what: string, asOf: AsOf) => {
    say(`directive: ${what}…`);
    const replay = await timed(() => replayer.replay(directiveId, asOf));
    const view = await timed(() => overviewAt(replay.value.docs, directiveId, asOf.at)!);
    say(`directive: ${what}: replay ${round(replay.ms)} ms, view ${round(view.ms)} ms; comparing…`);
    const digest = digestOf(replay.value, view.value);
    say(`directive: ${what}: replay ${round(replay.ms)} ms, view ${round(view.ms)} ms`, true);
    return { overview: view.value, digest, replayMs: round(replay.ms), viewMs: round(view.ms), applied: replay.value.applied, checkpoint: replay.value.fromCheckpoint, checkpointFrom: replay.value.checkpointFrom };
  };
  const full = new DirectiveReplayer(store, { keyPrefix: KEYS });
  const build = await query(new DirectiveReplayer(store, { redis, keyPrefix: KEYS }), 'first query at the end, writing the checkpoints', { at: written.dayAt(days + 1), knowledge: 'recorded' });
  // A process that has not read the chain yet decodes it from Redis; the same process answers the next questions from memory.
  const compare = async (knowledge: Knowledge) => {
    const a = await query(full, `full replay from the start (${knowledge})`, { at, knowledge });
    const process = new DirectiveReplayer(store, { redis, keyPrefix: KEYS });
    const b = await query(process, `from the nearest checkpoint, read from Redis (${knowledge})`, { at, knowledge });
    const c = await query(process, `from the nearest checkpoint, decoded in the process (${knowledge})`, { at, knowledge });
    const same = a.digest === b.digest && a.digest === c.digest && isDeepStrictEqual(a.overview, b.overview) && isDeepStrictEqual(a.overview, c.overview);
    const row = ({ overview: _o, digest: _d, ...rest }: typeof a) => rest;
    const ratio = (x: typeof a) => ({ ratioReplay: round(a.replayMs / x.replayMs, 1), ratioTotal: round((a.replayMs + a.viewMs) / (x.replayMs + x.viewMs), 1) });
    return { knowledge, full: row(a), fromRedis: { ...row(b), ...ratio(b) }, inProcess: { ...row(c), ...ratio(c) }, same };
  };
  const rows = [await compare('recorded'), await compare('current')];
  return { events: written.events, units, days, asOf: at, buildMs: build.replayMs, rows };
}

/**
 * One digest of every document of every projection and of the overview, each as canonical JSON
 * (keys sorted): two replays are deep-equal exactly when their digests are, and a million
 * documents need not be held twice to compare them.
 */
function digestOf(replay: DirectiveReplay, overview: unknown): string {
  const hash = createHash('sha256');
  for (const { name } of replay.docs.projections) {
    for (const [key, doc] of entriesOf(replay.docs.of(name)).sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`${name}\u0000${key}\u0000${canonical(doc)}\u0000`);
  }
  return hash.update(canonical(overview)).digest('hex');
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));

program.action(async (opts: Options) => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  const store = await SqliteEventStore.open({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
  const server = await startPrivateRedis();
  const results: Record<string, any> = {};
  try {
    if (!opts.skipItem) results.item = await itemPhase(store, server.client(), opts.itemEvents, opts.runs);
    if (!opts.skipDirective) results.directive = await directivePhase(store, server.client(), opts.directiveEvents, opts.directiveUnits);
  } finally {
    await server.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (opts.json) console.log(JSON.stringify(results, null, 2));
  else print(results);
  const same = [...(results.item?.rows ?? []), ...(results.directive?.rows ?? [])].every((r: { same: boolean }) => r.same);
  if (!same) console.error('bench:audit: an as-of answer differs from the full replay');
  process.exitCode = same ? 0 : 1;
});

function print(results: Record<string, any>): void {
  const i = results.item;
  if (i) {
    console.log(`\nitem of ${i.events} events (${i.units} units × ${i.days} days); snapshots written by the first query in ${i.buildMs} ms`);
    console.log('  as of      knowledge  full replay          snapshot from Redis          snapshot decoded in process');
    for (const r of i.rows) {
      const cell = (ms: number, ratio: number) => `${String(ms).padStart(8)} ms ${String(ratio).padStart(5)}x`;
      console.log(`  day ${String(r.day).padStart(3)}    ${r.knowledge.padEnd(9)}  ${String(r.fullMs).padStart(8)} ms (${String(r.folded.full).padStart(5)} ev)   ${cell(r.coldMs, r.coldRatio)} (${r.folded.fromSnapshot} ev)   ${cell(r.warmMs, r.warmRatio)}   ${r.same ? 'same' : 'DIFFERENT'}`);
    }
  }
  const d = results.directive;
  if (d) {
    console.log(`\ndirective of ${d.events} events (${d.units} units × ${d.days} days), as of ${d.asOf}; checkpoints written by the first query in ${d.buildMs} ms`);
    for (const r of d.rows) {
      console.log(`  ${r.knowledge.padEnd(9)} full replay            replay ${r.full.replayMs} ms + view ${r.full.viewMs} ms (${r.full.applied} events)`);
      for (const [label, x] of [['checkpoint from Redis ', r.fromRedis], ['checkpoint in process', r.inProcess]] as const) {
        console.log(`  ${''.padEnd(9)} ${label}  replay ${x.replayMs} ms + view ${x.viewMs} ms (${x.applied} events after the checkpoint of ${x.checkpoint}): ${x.ratioReplay}x faster, with the view ${x.ratioTotal}x`);
      }
      console.log(`  ${''.padEnd(9)} ${r.same ? 'same documents and overview' : 'DIFFERENT'}`);
    }
  }
}

program.parseAsync().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
