import { Command, InvalidArgumentError } from 'commander';
import { progress } from './support/stats.js';
import { startWebBenchEngine, type WebBenchEngine } from './web-campaign.js';
import { launchChromium, loadOnce, quantile, round1, summariseReady, summariseRequests, type LoadSample, type PageSpec, type ReadyPath, type RequestSummary } from './web-measure.js';

/**
 * `npm run bench:web`: how fast the web pages paint on the seeded campaign. The issue's goal is
 * "first paint under a second on this machine with the seeded campaign", read here as FCP p95 <
 * 1000 ms over cold loads. The static sign-in page (no data, no token) is the baseline measured
 * in the same run, because this machine is noisy: a page's FCP divided by the baseline's says
 * what the page itself costs. Loads are interleaved (one of each page per round, each round
 * starting at the next page) so that a noisy moment, or coming right after another page's
 * context was closed, falls on every page alike.
 */
const positive = (label: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${label} must be a whole number ≥ 1`);
  return n;
};

const program = new Command('bench:web')
  .description('Cold loads of the web pages (sign-in as baseline, monitor, unit, secretariat) in headless Chromium against the engine in this process, on 126-CV/TU seeded and played (15 districts reporting daily 20-4 → 25-6-2021): first contentful paint, DOMContentLoaded and data ready, p50 and p95, against the goal FCP p95 < 1 s.')
  .option('--runs <n>', 'measured cold loads of each page', positive('--runs'), 15)
  .option('--warmup <n>', 'unmeasured loads of each page first (the server JIT-compiles its paths)', (v) => (v === '0' ? 0 : positive('--warmup')(v)), 1)
  .option('--timeout <ms>', 'how long one load may take to paint and show its data', positive('--timeout'), 15_000)
  .option('--goal <ms>', 'the goal for FCP p95', positive('--goal'), 1000)
  .option('--json', 'print the results as JSON')
  .addHelpText('after', '\nNeeds Redis at REDIS_URL (default redis://127.0.0.1:6379; only keys under a private prefix are written, and deleted at the end) and Chromium at CHROMIUM_PATH (default /usr/bin/chromium). Build first: npm run bench:web does.');

interface Options {
  runs: number;
  warmup: number;
  timeout: number;
  goal: number;
  json?: boolean;
}

interface PageResult {
  readonly page: string;
  readonly path: string;
  readonly measured: number;
  readonly failed: number;
  /** `ok`; `errors`: measured, but the page logged errors; `failed`: no load could be measured. */
  readonly status: 'ok' | 'errors' | 'failed';
  readonly errors: readonly { message: string; count: number }[];
  readonly ttfb?: Percentiles;
  readonly fcp?: Percentiles;
  readonly domContentLoaded?: Percentiles;
  readonly dataReady?: Percentiles;
  readonly fcpP50RatioToBaseline?: number;
  /** What data ready waited for: the last API answer before it, and the rendering after it. */
  readonly dataReadyPath?: ReadyPath;
  readonly goalMet: boolean;
  /** Requests, latest-ending first (median over the loads). */
  readonly requests: readonly RequestSummary[];
}

interface Percentiles {
  readonly p50: number;
  readonly p95: number;
}

program.action(async (opts: Options) => {
  const say = progress('bench:web');
  // Ctrl-C stops between loads, so the engine, the browser, the temporary folder and the Redis keys are still cleaned up.
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort(new Error('interrupted (SIGINT): cleaned up')));
  const engine = await startWebBenchEngine(say, stop.signal);
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let pages: PageResult[];
  try {
    browser = await launchChromium();
    const specs = pageSpecs(engine);
    const samples = specs.map(() => [] as LoadSample[]);
    const failures = specs.map(() => [] as string[]);
    for (let round = 1; round <= opts.warmup + opts.runs; round += 1) {
      const warm = round <= opts.warmup;
      for (let k = 0; k < specs.length; k += 1) {
        const i = (k + round) % specs.length;
        const spec = specs[i]!;
        stop.signal.throwIfAborted();
        say(warm ? `warm-up ${round}/${opts.warmup}: ${spec.path}` : `run ${round - opts.warmup}/${opts.runs}: ${spec.path}`);
        try {
          const sample = await loadOnce(browser, engine.url, spec, opts.timeout);
          if (!warm) samples[i]!.push(sample);
        } catch (error) {
          if (!warm) failures[i]!.push((error as Error).message.split('\n')[0]!);
        }
      }
    }
    say(`${opts.runs} cold loads of each of ${specs.length} pages`, true);
    const baselineFcp = quantile(samples[0]!.map((s) => s.fcpMs), 0.5);
    pages = specs.map((spec, i) => summarise(spec, samples[i]!, failures[i]!, baselineFcp, opts.goal));
  } finally {
    await browser?.close();
    await engine.close();
  }
  const results = { goal: `FCP p95 < ${opts.goal} ms`, runs: opts.runs, warmup: opts.warmup, campaign: { reports: engine.reports, totalCardsIssued: engine.total }, pages, goalMet: pages.every((p) => p.goalMet) };
  if (opts.json) console.log(JSON.stringify(results, null, 2));
  else print(results, opts);
  if (pages.some((p) => p.status !== 'ok')) process.exitCode = 1;
});

/** The baseline first; then each role's page with its token and what shows that its data is there. */
function pageSpecs(engine: WebBenchEngine): PageSpec[] {
  return [
    { name: 'sign-in (baseline)', path: 'index.html' },
    { name: 'monitor', path: 'monitor.html', token: engine.tokens.monitor, ready: '#districts-table tbody tr[data-unit]' },
    { name: 'unit (rach-gia)', path: 'unit.html', token: engine.tokens.unit, ready: '#unit-assignments article[data-item]' },
    { name: 'secretariat', path: 'secretariat.html', token: engine.tokens.secretariat, ready: '#directives [data-item]' },
  ];
}

function summarise(spec: PageSpec, samples: LoadSample[], failures: string[], baselineFcp: number, goal: number): PageResult {
  const counts = new Map<string, number>();
  for (const message of [...failures, ...samples.flatMap((s) => [...new Set(s.errors)])]) counts.set(message, (counts.get(message) ?? 0) + 1);
  const errors = [...counts.entries()].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count);
  const of = (pick: (s: LoadSample) => number | undefined): Percentiles | undefined => {
    const values = samples.map(pick).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return values.length ? { p50: round1(quantile(values, 0.5)), p95: round1(quantile(values, 0.95)) } : undefined;
  };
  const fcp = of((s) => s.fcpMs);
  const status = samples.length === 0 ? 'failed' : errors.length > 0 ? 'errors' : 'ok';
  return {
    page: spec.name,
    path: spec.path,
    measured: samples.length,
    failed: failures.length,
    status,
    errors,
    ttfb: of((s) => s.ttfbMs),
    fcp,
    domContentLoaded: of((s) => s.domContentLoadedMs),
    dataReady: spec.ready ? of((s) => s.readyMs) : undefined,
    dataReadyPath: spec.ready ? summariseReady(samples) : undefined,
    fcpP50RatioToBaseline: fcp && Number.isFinite(baselineFcp) ? Math.round((fcp.p50 / baselineFcp) * 100) / 100 : undefined,
    goalMet: status === 'ok' && fcp !== undefined && fcp.p95 < goal,
    requests: summariseRequests(samples).slice(0, 12),
  };
}

function print(r: { campaign: { reports: number; totalCardsIssued: number }; pages: PageResult[]; goalMet: boolean }, opts: Options): void {
  const ms = (p?: Percentiles, width = 18) => (p ? `${Math.round(p.p50)} / ${Math.round(p.p95)} ms` : '—').padEnd(width);
  console.log(`\n126-CV/TU seeded and played: ${r.campaign.reports} progress reports (${r.campaign.totalCardsIssued} cards); ${opts.runs} cold loads of each page (fresh context, interleaved, after ${opts.warmup} warm-up), headless Chromium`);
  console.log(`  ${'page'.padEnd(20)} ${'HTML TTFB'.padEnd(14)} ${'FCP p50 / p95'.padEnd(18)} ${'DCL p50 / p95'.padEnd(18)} ${'data ready p50/p95'.padEnd(18)} ${'FCP p50'.padEnd(12)} goal FCP p95 < ${opts.goal} ms`);
  for (const p of r.pages) {
    const ratio = p.fcpP50RatioToBaseline === undefined ? '—' : `${p.fcpP50RatioToBaseline.toFixed(2)}× base`;
    const verdict = p.status === 'failed' ? 'ERROR: not measured' : p.status === 'errors' ? `ERROR: page logged errors${p.fcp && p.fcp.p95 < opts.goal ? ' (paint within goal)' : ''}` : p.goalMet ? 'met' : 'NOT met';
    console.log(`  ${p.page.padEnd(20)} ${ms(p.ttfb, 14)} ${ms(p.fcp)} ${ms(p.domContentLoaded)} ${ms(p.dataReady)} ${ratio.padEnd(12)} ${verdict}${p.failed ? ` (${p.failed}/${p.failed + p.measured} loads failed)` : ''}`);
  }
  for (const p of r.pages) {
    for (const e of p.errors.slice(0, 3)) console.log(`  ! ${p.path}: ${e.message} (${e.count}×)`);
    const api = p.requests.filter((q) => q.kind === 'fetch' || q.kind === 'xmlhttprequest').slice(0, 3);
    if (api.length) console.log(`  ${p.path} API requests ending last (median end / duration): ${api.map((q) => `${q.path} ${Math.round(q.p50EndMs)} / ${Math.round(q.p50DurationMs)} ms`).join('; ')}`);
    const ready = p.dataReadyPath;
    if (ready) console.log(`  ${p.path} data ready waits for ${ready.lastResponse} (last answer in ${ready.loads}/${p.measured} loads), then ${Math.round(ready.p50RenderAfterMs)} ms of the page's own work`);
  }
  console.log(r.goalMet ? `\nVerdict: every page paints within the goal (FCP p95 < ${opts.goal} ms).` : `\nVerdict: goal (FCP p95 < ${opts.goal} ms, no page errors) not met on every page: see above.`);
}

program.parseAsync().catch((error: unknown) => {
  const interrupted = error instanceof Error && error.message.startsWith('interrupted');
  console.error(interrupted ? `\nbench:web: ${error.message}` : error);
  process.exit(interrupted ? 130 : 1);
});
