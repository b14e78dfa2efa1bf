import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Redis } from 'ioredis';
import { SqliteEventStore, type EventStore } from '#event-store';
import { TokenService } from '#identity';
import { loadConfig } from '#platform';
import { PROJECTIONS, ProjectionRunner, targetProgressProjection, targetSeriesPrefix } from '#read-models';
import { startApiProcess, startWorkerProcess } from './support/api-process.js';
import { campaignDirectiveId, shapeFor, writeCampaign } from './support/campaign-log.js';
import { connect, post } from './support/load.js';
import { histogramQuantile } from './support/prometheus.js';
import { median, progress, round } from './support/stats.js';
import { deleteNamespace } from '#jobs';

const SECRET = 'bench-secret-that-is-long-enough-0123456789';

const program = new Command('bench:projections')
  .description('Rebuild every read model from a large log (beside the raw read-and-parse ceiling of the same log), then projection lag under sustained reports.')
  .option('--events <n>', 'size of the log to rebuild from', Number, 1_000_000)
  .option('--rate <n>', 'reports per second in the sustained phase', Number, 300)
  .option('--seconds <n>', 'length of the sustained phase', Number, 60)
  .option('--build-batch <n>', 'events per batch when building (the runner\'s default when omitted)', Number)
  .option('--build-cache-docs <n>', 'documents a build may hold in memory (the runner\'s default when omitted; 0: page by page through Redis)', Number)
  .option('--only <names>', 'rebuild only these read models, each alone (comma-separated names); the one-pass rebuild of all five is skipped')
  .option('--skip-rebuild', 'only the sustained phase')
  .option('--skip-sustained', 'only the rebuild phase')
  .option('--json', 'print the results as JSON');

interface Options {
  events: number;
  buildBatch?: number;
  buildCacheDocs?: number;
  only?: string;
  rate: number;
  seconds: number;
  skipRebuild?: boolean;
  skipSustained?: boolean;
  json?: boolean;
}

program.action(async (opts: Options) => {
  const redisUrl = loadConfig().redis.url;
  const results: Record<string, unknown> = {};
  const only = opts.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !PROJECTIONS.some((p) => p.name === name)) ?? [];
  if (unknown.length > 0) program.error(`error: --only: no read model named ${unknown.join(', ')} (there are ${PROJECTIONS.map((p) => p.name).join(', ')})`);
  if (!opts.skipRebuild) results.rebuild = await rebuildPhase(opts.events, redisUrl, { buildBatchSize: opts.buildBatch, buildCacheDocs: opts.buildCacheDocs }, only);
  if (!opts.skipSustained) results.sustained = await sustainedPhase(opts.rate, opts.seconds, redisUrl);
  if (opts.json) console.log(JSON.stringify(results, null, 2));
  else printResults(results);
});

async function rebuildPhase(target: number, redisUrl: string, build: { buildBatchSize?: number; buildCacheDocs?: number }, only?: readonly string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-projections-'));
  const say = progress('bench:projections');
  const store = await SqliteEventStore.open({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  try {
    const shape = shapeFor(target);
    const events = await writeCampaign(store, shape, (n) => say(`writing the log: ${n} events`));
    say(`wrote ${events} events (${shape.provinces} directives, ${shape.provinces * shape.unitsPerProvince} units reporting daily for ${shape.days} days)`, true);
    const pageSize = new ProjectionRunner(store, redis, build).buildPageSize;
    // The ceiling is measured before the rebuilds, between them and the one pass, and after it;
    // the ratios use the median: a machine that slows down or speeds up for a while moves one.
    const ceilings: number[] = [];
    const measureCeiling = async (when: string) => {
      const raw = await rawCeiling(store, pageSize, (n) => say(`raw ceiling (${when}): ${n} events read`));
      ceilings.push(Math.round(raw.eventsPerSecond));
      say(`raw ceiling (${when}): ${Math.round(raw.eventsPerSecond)} events/s`, true);
    };
    await measureCeiling('before the rebuilds');
    const timed: { projection: string; seconds: number; applied: number; status: string }[] = [];
    for (const projection of PROJECTIONS.filter((p) => !only || only.includes(p.name))) {
      const runner = new ProjectionRunner(store, redis, { keyPrefix: prefix, ...build, observer: { progress: (_, applied) => say(`${projection.name}: ${applied} events applied`) } });
      const started = performance.now();
      const outcome = await runner.rebuild(projection);
      const seconds = (performance.now() - started) / 1000;
      timed.push({ projection: projection.name, seconds, applied: outcome.applied, status: outcome.status });
      say(`${projection.name}: rebuilt in ${round(seconds)} s`, true);
    }
    await measureCeiling(only ? 'after the rebuilds' : 'before the one pass');
    let together: number | undefined;
    if (!only) {
      const runner = new ProjectionRunner(store, redis, { keyPrefix: prefix, ...build, observer: { progress: (name, applied) => say(`all five in one pass: ${name} ${applied} events applied`) } });
      const started = performance.now();
      await runner.rebuildAll(PROJECTIONS);
      together = (performance.now() - started) / 1000;
      say(`all five in one pass: rebuilt in ${round(together)} s`, true);
      await measureCeiling('after the one pass');
    }
    const ceiling = median(ceilings);
    const rate = (seconds: number) => ({ seconds: round(seconds), eventsPerSecond: Math.round(events / seconds), ratioToRawCeiling: round(events / seconds / ceiling) });
    const models = timed.map(({ projection, seconds, applied, status }) => ({ projection, ...rate(seconds), applied, status }));
    const allModels = together === undefined ? {} : { allModels: rate(together) };
    const wantFigures = !only || only.includes(targetProgressProjection.name);
    const figures = wantFigures ? { itemFigures: await itemFigures(new ProjectionRunner(store, redis, { keyPrefix: prefix }), `${campaignDirectiveId(1)}.1`) } : {};
    return { events, rawCeilingEventsPerSecond: ceiling, rawCeilingsMeasured: ceilings, models, ...allModels, ...figures };
  } finally {
    await deleteNamespace(redis, prefix);
    redis.disconnect();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the target page and the early-warning check read of one item: every series document of
 * the item (its bucket), in the model just built. Median of 7 reads.
 */
async function itemFigures(runner: ProjectionRunner, itemId: string): Promise<{ itemId: string; documents: number; medianMs: number }> {
  const storage = runner.storage(targetProgressProjection);
  const times: number[] = [];
  let documents = 0;
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    documents = (await storage.list(targetSeriesPrefix(itemId)))?.length ?? 0;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { itemId, documents, medianMs: round(times[3]!) };
}

/** Reading and parsing the whole log through the same port, in the runner's page size, without projecting. */
async function rawCeiling(store: EventStore, pageSize: number, tick: (n: number) => void): Promise<{ eventsPerSecond: number }> {
  const started = performance.now();
  let after: string | undefined;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    for (const event of page.events) if (event.metadata.recordedAt.length > 0) count += 1;
    if (page.isEnd || page.events.length === 0) break;
    after = page.events[page.events.length - 1]!.position;
    if (count % 100_000 < pageSize) tick(count);
  }
  return { eventsPerSecond: count / ((performance.now() - started) / 1000) };
}

async function sustainedPhase(rate: number, seconds: number, redisUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-lag-'));
  const say = progress('bench:projections');
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const env = { SQLITE_FILE: join(dir, 'events.db'), JWT_SECRET: SECRET, PORT: '0', WORKER_PORT: '0', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix };
  const api = await startApiProcess(env);
  const worker = await startWorkerProcess(env);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const pool = connect(api.url, 64);
  try {
    const units = await prepareSustained(pool, 60, say);
    const before = await scrape(worker.url);
    const sent = await openLoop(pool, units, rate, seconds, say);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await scrape(worker.url);
    const lag = PROJECTIONS.map((p) => ({ projection: p.name, p50Ms: quantileMs(before, after, p.name, 0.5), p99Ms: quantileMs(before, after, p.name, 0.99) }));
    return { rate, seconds, sent: sent.sent, accepted: sent.accepted, achievedRate: round(sent.accepted / seconds), lag, p99MsWorst: Math.max(...lag.map((l) => l.p99Ms)) };
  } finally {
    await pool.close();
    await worker.stop();
    await api.stop();
    await deleteNamespace(redis, prefix);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function prepareSustained(pool: ReturnType<typeof connect>, count: number, say: (t: string, d?: boolean) => void) {
  const tokens = new TokenService({ secret: SECRET, issuer: 'directive-engine', audience: 'directive-engine' });
  const secretariat = tokens.sign({ sub: 'bench:secretariat', role: 'secretariat' });
  const ok = async (path: string, token: string, body: unknown) => {
    const res = await post(pool, path, token, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.text}`);
  };
  const unitIds = Array.from({ length: count }, (_, i) => `lag-unit-${i + 1}`);
  await ok('/units', secretariat, { id: 'lag-province', name: 'Tỉnh (benchmark)', kind: 'provincial_party_committee' });
  for (const id of unitIds) await ok('/units', secretariat, { id, name: `Đơn vị ${id}`, kind: 'other', parentId: 'lag-province' });
  await ok('/unit-groups', secretariat, { id: 'lag-units', name: 'Benchmark units', memberIds: unitIds });
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const deadline = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const items = [1, 2, 3].map((number) => ({ number, title: `Nhiệm vụ ${number}`, text: '…', deadline, targets: [{ metric: 'cards_issued', value: 1_000_000 }] }));
  await ok('/directives', secretariat, { id: 'lag-2021', issuer: 'Benchmark', number: 'LAG-1', issuedOn: today, subject: 'Lag', signer: { name: 'B', title: 'B' }, addressees: [], items });
  for (const n of [1, 2, 3]) await ok(`/items/lag-2021.${n}/assignments`, secretariat, { assignees: [{ groupId: 'lag-units', role: 'lead' }] });
  const unitTokens = unitIds.map((unitId) => tokens.sign({ sub: `bench:${unitId}`, role: 'unit', unitId }));
  for (const token of unitTokens) for (const n of [1, 2, 3]) await ok(`/items/lag-2021.${n}/acknowledgements`, token, {});
  say(`prepared ${count} units on 3 items`, true);
  return { tokens: unitTokens, asOf: today };
}

/** Sends reports at a fixed rate, whatever the answers take (an open loop, as many independent units would). */
async function openLoop(pool: ReturnType<typeof connect>, units: { tokens: string[]; asOf: string }, rate: number, seconds: number, say: (t: string, d?: boolean) => void) {
  let sent = 0;
  let accepted = 0;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const counters = new Map<number, number>();
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (sent < due) {
      const unit = sent % units.tokens.length;
      const value = (counters.get(unit) ?? 0) + 1;
      counters.set(unit, value);
      const item = 1 + (Math.floor(sent / units.tokens.length) % 3);
      const body = { asOf: units.asOf, metrics: { cards_issued: value * 10 }, narrative: 'Báo cáo' };
      const request = post(pool, `/items/lag-2021.${item}/progress-reports`, units.tokens[unit]!, body).then((res) => {
        if (res.status === 201) accepted += 1;
      });
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
      sent += 1;
    }
    if (sent % rate === 0) say(`sustained: ${sent} reports sent, ${accepted} accepted`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(inFlight);
  say(`sustained: ${sent} reports sent, ${accepted} accepted`, true);
  return { sent, accepted };
}

async function scrape(workerUrl: string): Promise<string> {
  return (await fetch(`${workerUrl}/metrics`)).text();
}

function quantileMs(before: string, after: string, projection: string, q: number): number {
  return round(histogramQuantile(before, after, 'engine_read_model_apply_lag_seconds', { projection }, q) * 1000, 1);
}

function printResults(results: Record<string, any>): void {
  const r = results.rebuild;
  if (r) {
    console.log(`\nrebuild from ${r.events} events; raw ceiling (read + parse the same log, same page size): ${r.rawCeilingEventsPerSecond} events/s (median of ${r.rawCeilingsMeasured.join(', ')})`);
    for (const m of r.models) console.log(`  ${m.projection.padEnd(20)} ${String(m.eventsPerSecond).padStart(8)} events/s = ${m.ratioToRawCeiling}x raw ceiling (${m.seconds} s)`);
    if (r.allModels) console.log(`  ${'all five, one pass'.padEnd(20)} ${String(r.allModels.eventsPerSecond).padStart(8)} events/s = ${r.allModels.ratioToRawCeiling}x raw ceiling (${r.allModels.seconds} s)`);
    if (r.itemFigures) console.log(`  one item's figures (${r.itemFigures.documents} series documents of ${r.itemFigures.itemId}, as the target page reads them): ${r.itemFigures.medianMs} ms`);
  }
  const s = results.sustained;
  if (s) {
    console.log(`\nsustained ${s.rate} reports/s for ${s.seconds} s: ${s.accepted}/${s.sent} accepted (${s.achievedRate}/s); projection lag from recording to read model:`);
    for (const l of s.lag) console.log(`  ${l.projection.padEnd(20)} p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms`);
  }
}

program.parseAsync().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

