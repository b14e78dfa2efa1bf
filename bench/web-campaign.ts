import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { itemIdOf } from '#directives';
import { SqliteEventStore } from '#event-store';
import { TokenService } from '#identity';
import { createLogger, loadConfig, ManualClock } from '#platform';
import { createApiApp } from '../apps/api/src/bootstrap.js';
import { projectRoot, readJson } from '../apps/cli/src/cli-support.js';
import { injectRequester } from '../apps/cli/src/seed-requests.js';
import { runSeed, SEEDER, type DirectiveSeed } from '../apps/cli/src/seed-run.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { deleteNamespaceAt } from '#jobs';

/**
 * The engine `bench:web` loads its pages from: the API and the worker (read models) in this
 * process, as the end-to-end tests run them, on a SQLite file in a fresh temporary folder, a
 * private Redis key prefix and a clock the campaign moves. The pages are measured on the seeded
 * 126-CV/TU with a realistic history (the goal is "first paint under a second with the seeded
 * campaign"), so the dashboard's series are as long as in the real campaign.
 */
export interface WebBenchEngine {
  readonly url: string;
  readonly tokens: { readonly monitor: string; readonly unit: string; readonly secretariat: string };
  /** Progress reports recorded, and the province's cumulative figure after the last one. */
  readonly reports: number;
  readonly total: number;
  close(): Promise<void>;
}

const SECRET = 'bench-web-secret-that-is-long-enough-0123456789';
const FIRST_REPORT = '2021-04-20';
const LAST_REPORT = '2021-06-25';
const TARGET = 1_171_200;
/** Illustrative weights of the 15 districts, in the group's order (the directive does not split its target). */
const WEIGHTS = [228, 180, 152, 142, 203, 167, 134, 120, 86, 110, 88, 48, 28, 65, 21];

type Say = (text: string, done?: boolean) => void;

/** A date of the campaign at a local time in +07, as the UTC instant the clock is set to. */
const at = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`).toISOString();

function datesFrom(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); d.toISOString().slice(0, 10) <= last; d.setUTCDate(d.getUTCDate() + 1)) dates.push(d.toISOString().slice(0, 10));
  return dates;
}

/** Cumulative cards of district `i` after `day` of `days`: a slow start, never decreasing, about the target at the end. */
function cumulative(i: number, day: number, days: number): number {
  const share = (TARGET * WEIGHTS[i % WEIGHTS.length]!) / WEIGHTS.reduce((a, b) => a + b, 0);
  return Math.round(share * (day / days) ** 1.3);
}

/** Starts, seeds and plays; `signal` (Ctrl-C) stops the playing, and what was started is cleaned up. */
export async function startWebBenchEngine(say: Say, signal: AbortSignal): Promise<WebBenchEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-web-'));
  const prefix = `bench-web-${randomUUID().slice(0, 8)}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const file = join(dir, 'events.db');
  const config = loadConfig({ SQLITE_FILE: file, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, JWT_SECRET: SECRET, LOG_LEVEL: 'silent', PORT: '0', WORKER_PORT: '0' });
  const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'silent', service: 'bench-web' });
  const root = projectRoot();
  const catalogue = readJson<{ units: { id: string }[]; groups: { id: string; memberIds: string[] }[] }>(join(root, 'apps/cli/seeds/kien-giang-units.json'));
  const seed = readJson<DirectiveSeed>(join(root, 'apps/cli/seeds/126-cv-tu-2021.json'));
  const clock = new ManualClock(new Date(seed.registeredAt));
  let app: NestFastifyApplication | undefined;
  let worker: INestApplicationContext | undefined;
  const close = async () => {
    await worker?.close().catch((e: unknown) => say(`closing the worker: ${String(e)}`, true));
    await app?.close().catch((e: unknown) => say(`closing the API: ${String(e)}`, true));
    await deleteNamespaceAt(redisUrl, prefix);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const store = await SqliteEventStore.open({ filename: file });
    app = await createApiApp({ config, logger, clock, store });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, logger, clock, store }), { logger: false });
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    const tokens = new TokenService(config.auth);
    const sign = (role: 'monitor' | 'unit' | 'secretariat', unitId?: string, name?: string) => tokens.sign({ sub: `bench:${unitId ?? role}`, role, ...(unitId ? { unitId } : {}), ...(name ? { name } : {}) });
    await runSeed(injectRequester(app, tokens.sign(SEEDER)), catalogue, seed, true);
    const districts = catalogue.groups.find((g) => g.id === 'district-party-committees')!.memberIds;
    const played = await playCampaign(url, clock, itemIdOf(seed.directive.id, 1), districts, (unitId) => sign('unit', unitId), say, signal);
    const monitor = sign('monitor', undefined, 'Đảng ủy Công an tỉnh');
    await caughtUp(url, monitor, itemIdOf(seed.directive.id, 1), played.total, say, signal);
    return { url, tokens: { monitor, unit: sign('unit', 'rach-gia'), secretariat: sign('secretariat', undefined, 'Văn phòng Tỉnh ủy') }, ...played, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Acknowledgements, then every district's cumulative `cards_issued` each day, the clock moved to each day first. */
async function playCampaign(url: string, clock: ManualClock, itemId: string, districts: string[], token: (unitId: string) => string, say: Say, signal: AbortSignal) {
  const post = async (path: string, unitId: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token(unitId)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`${unitId} ${path}: ${res.status} ${await res.text()}`);
  };
  clock.set(at('2021-04-16', '08:00'));
  await Promise.all(districts.map((id) => post(`/items/${itemId}/acknowledgements`, id, {})));
  const dates = datesFrom(FIRST_REPORT, LAST_REPORT);
  let reports = 0;
  for (const [d, asOf] of dates.entries()) {
    signal.throwIfAborted();
    clock.set(at(asOf, '16:00'));
    await Promise.all(
      districts.map((id, i) => post(`/items/${itemId}/progress-reports`, id, { asOf, metrics: { cards_issued: cumulative(i, d + 1, dates.length) }, narrative: `Báo cáo tiến độ cấp CCCD đến ngày ${asOf}` })),
    );
    reports += districts.length;
    say(`campaign: ${asOf}, ${reports}/${dates.length * districts.length} reports`);
  }
  clock.set(at(LAST_REPORT, '18:00'));
  const total = districts.reduce((sum, _, i) => sum + cumulative(i, dates.length, dates.length), 0);
  say(`campaign: ${reports} reports by ${districts.length} districts from ${FIRST_REPORT} to ${LAST_REPORT} (total ${total} cards)`, true);
  return { reports, total };
}

/** Polls the target read model until its latest figure is the last total (the worker projects asynchronously). */
async function caughtUp(url: string, token: string, itemId: string, total: number, say: Say, signal: AbortSignal, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let latest: unknown;
  while (Date.now() < deadline) {
    signal.throwIfAborted();
    const res = await fetch(`${url}/dashboard/targets/${encodeURIComponent(itemId)}`, { headers: { authorization: `Bearer ${token}` } });
    latest = res.ok ? ((await res.json()) as { metrics?: { latest?: number }[] }).metrics?.[0]?.latest : `HTTP ${res.status}`;
    if (latest === total) return say(`read models caught up (latest ${total})`, true);
    say(`waiting for the read models: latest ${String(latest)} of ${total}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the read models did not catch up in ${timeoutMs / 1000} s: latest ${String(latest)}, expected ${total}`);
}
