import { chromium, type Browser } from 'playwright-core';

/**
 * One cold load of a page in real headless Chromium, measured by the page itself: a fresh browser
 * context for each load (empty HTTP cache, empty storage, as a person opening the page in a new
 * tab after signing in), the token put where the sign-in page keeps it before any script runs.
 * Times are the page's own (`performance`, from navigation start), so the round trips between
 * this process and the browser do not count.
 */
export interface PageSpec {
  readonly name: string;
  /** Under `/app/`. */
  readonly path: string;
  readonly token?: string;
  /** A selector that exists once the page shows its data ("data ready"); none for a static page. */
  readonly ready?: string;
}

export interface ResourceTiming {
  /** Path and query of the request. */
  readonly path: string;
  /** `fetch`, `script`, `link`… */
  readonly kind: string;
  readonly startMs: number;
  readonly endMs: number;
}

export interface LoadSample {
  /** The HTML's first byte: what the server and the network take before the browser can do anything. */
  readonly ttfbMs: number;
  readonly fcpMs: number;
  readonly domContentLoadedMs: number;
  readonly readyMs?: number;
  readonly resources: readonly ResourceTiming[];
  /** Console errors, uncaught exceptions and answers ≥ 400 seen during the load. */
  readonly errors: readonly string[];
}

/** Where the sign-in page keeps the token (apps/web/src/session.ts). */
export const TOKEN_KEY = 'directive-engine.token';

/** Debian's Chromium; CHROMIUM_PATH overrides, as in the tests. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless and off the network (the tests' flags): the machine has no internet, and background connections would be refused at every start. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The benchmark handles Ctrl-C itself and closes the browser in order.
    handleSIGINT: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

// The in-page code is kept as text: this project's TypeScript has no DOM types outside apps/web.

/**
 * Installed before any script of the page: `window.__bench.done` resolves once the first
 * contentful paint is recorded and, when a selector is given, the moment it first matches is
 * noted (a MutationObserver, so no polling delay). Waiting on a promise through `evaluate` keeps
 * clear of the pages' Content-Security-Policy, which refuses the string predicates Playwright's
 * `waitForFunction` would evaluate in the page.
 */
const probe = (selector: string | undefined) => `(() => {
  const selector = ${JSON.stringify(selector ?? null)};
  let fcp, ready;
  const done = new Promise((resolve) => {
    const check = () => { if (fcp !== undefined && (selector === null || ready !== undefined)) resolve(); };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') { fcp = e.startTime; check(); }
    }).observe({ type: 'paint', buffered: true });
    if (selector !== null) {
      const observer = new MutationObserver(() => {
        if (ready === undefined && document.querySelector(selector)) { ready = performance.now(); observer.disconnect(); check(); }
      });
      observer.observe(document, { childList: true, subtree: true });
    }
  });
  Object.defineProperty(window, '__bench', { value: { done, seen: () => ({ fcp, ready }) } });
})();`;

const settled = (timeoutMs: number) => `Promise.race([window.__bench.done.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ${timeoutMs}))])`;
const READ_TIMINGS = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const seen = window.__bench.seen();
  return {
    ttfbMs: nav ? nav.responseStart : NaN,
    fcpMs: seen.fcp,
    domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : NaN,
    readyMs: seen.ready,
    resources: performance.getEntriesByType('resource').map((r) => {
      const u = new URL(r.name);
      return { path: u.pathname + u.search, kind: r.initiatorType, startMs: r.startTime, endMs: r.responseEnd };
    }),
  };
})()`;

/** Loads `spec` once in a fresh context; throws when the page cannot be measured (missing, redirected, never painted, data never shown). */
export async function loadOnce(browser: Browser, baseUrl: string, spec: PageSpec, timeoutMs: number): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  try {
    if (spec.token) await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(spec.token)});` });
    await context.addInitScript({ content: probe(spec.ready) });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`uncaught ${error.message}`));
    page.on('console', (message) => void (message.type() === 'error' && errors.push(`console: ${message.text()}`)));
    page.on('response', (response) => void (response.status() >= 400 && errors.push(`HTTP ${response.status()} ${new URL(response.url()).pathname}`)));
    const url = `${baseUrl}/app/${spec.path}`;
    const response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    if (!response || response.status() !== 200) throw new Error(`HTTP ${response?.status() ?? 'no answer'}`);
    if (new URL(page.url()).pathname !== new URL(url).pathname) throw new Error(`redirected to ${page.url()}`);
    if (!(await page.evaluate(settled(timeoutMs)))) {
      const seen = (await page.evaluate('window.__bench.seen()')) as { fcp?: number };
      const missing = seen.fcp === undefined ? 'no first contentful paint' : `"${spec.ready}" not shown`;
      throw new Error(`${missing} in ${timeoutMs} ms${errors.length ? ` (${errors[0]})` : ''}`);
    }
    const timings = (await page.evaluate(READ_TIMINGS)) as Omit<LoadSample, 'errors'>;
    return { ...timings, errors };
  } finally {
    await context.close();
  }
}

/** Nearest-rank quantile (p95 of 15 samples is the largest: the goal is about the slow loads too). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface RequestSummary {
  readonly path: string;
  readonly kind: string;
  /** Median duration and median end (from navigation start), over the loads that made the request. */
  readonly p50DurationMs: number;
  readonly p50EndMs: number;
  readonly loads: number;
}

/** Each request's median duration and end over the loads, latest-ending first: the top of the list is what data-ready waits for. */
export function summariseRequests(samples: readonly LoadSample[]): RequestSummary[] {
  const byPath = new Map<string, { kind: string; durations: number[]; ends: number[] }>();
  for (const sample of samples) {
    for (const r of sample.resources) {
      const entry = byPath.get(r.path) ?? { kind: r.kind, durations: [], ends: [] };
      entry.durations.push(r.endMs - r.startMs);
      entry.ends.push(r.endMs);
      byPath.set(r.path, entry);
    }
  }
  return [...byPath.entries()]
    .map(([path, e]) => ({ path, kind: e.kind, p50DurationMs: round1(quantile(e.durations, 0.5)), p50EndMs: round1(quantile(e.ends, 0.5)), loads: e.ends.length }))
    .sort((a, b) => b.p50EndMs - a.p50EndMs);
}

export interface ReadyPath {
  /** The API answer that came last before data ready, and in how many loads it was that one. */
  readonly lastResponse: string;
  readonly loads: number;
  /** Median time from that answer to data ready: the page's own work (parsing, rendering). */
  readonly p50RenderAfterMs: number;
}

/** What data ready waited for in each load: the last API answer before it, and the rendering after it. */
export function summariseReady(samples: readonly LoadSample[]): ReadyPath | undefined {
  const lasts = samples.flatMap((s) => {
    const before = s.resources.filter((r) => (r.kind === 'fetch' || r.kind === 'xmlhttprequest') && s.readyMs !== undefined && r.endMs <= s.readyMs);
    const last = before.sort((a, b) => b.endMs - a.endMs)[0];
    return last ? [{ path: last.path, gap: s.readyMs! - last.endMs }] : [];
  });
  if (lasts.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const l of lasts) counts.set(l.path, (counts.get(l.path) ?? 0) + 1);
  const [lastResponse, loads] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return { lastResponse, loads, p50RenderAfterMs: round1(quantile(lasts.map((l) => l.gap), 0.5)) };
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;
