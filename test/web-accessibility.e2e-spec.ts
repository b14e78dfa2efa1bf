import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shows, signIn } from './support/browser.js';
import { eventually } from './support/eventually.js';
import { DISTRICTS, ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

const at = (vnLocal: string) => new Date(`${vnLocal}+07:00`).toISOString();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it stands and returns the serious and
 * critical violations, each with the elements concerned.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const page = (globalThis as unknown as { document: unknown }).document;
    return (await axe.run(page, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
  })) as Violation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('The web pages, checked for accessibility by axe-core in real headless Chromium', () => {
  let api: TestApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00'), worker: true });
    await registerCatalogueAndDirective(api);
    const assign = { assignees: [{ groupId: 'district-party-committees', role: 'lead' }] };
    expect((await api.request('POST', `/items/${ITEM_1}/assignments`, { token: api.token('secretariat'), body: assign })).status).toBe(201);
    api.clock.set(at('2021-05-10T09:00:00'));
    for (const [i, id] of DISTRICTS.entries()) {
      expect((await api.request('POST', `/items/${ITEM_1}/acknowledgements`, { token: api.token('unit', id), body: {} })).status).toBe(201);
      const body = { asOf: '2021-05-09', metrics: { cards_issued: 1000 * (i + 1) }, narrative: 'Báo cáo tuần' };
      expect((await api.request('POST', `/items/${ITEM_1}/progress-reports`, { token: api.token('unit', id), body })).status).toBe(201);
    }
    await eventually('the unit scoreboard', () => api.request('GET', '/dashboard/units/rach-gia', { token: api.token('monitor') }), (r) => r.status === 200 && r.body.lastReport !== null);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const pages: [string, () => string, RegExp, string, string][] = [
    ['the monitor dashboard', () => api.token('monitor'), /monitor\.html/, '#districts-table tbody tr[data-unit]', 'monitor.html'],
    ['the unit page', () => api.token('unit', 'rach-gia'), /unit\.html/, '#unit-assignments [data-item]', 'unit.html'],
    ['the secretariat page', () => api.token('secretariat'), /secretariat\.html/, '#directives [data-item]', 'secretariat.html'],
  ];

  it.each(pages)('finds no serious or critical WCAG 2.1 AA violation on %s, in Vietnamese and in English', async (_name, token, landing, ready, path) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, api.url, token(), landing);
    await page.goto(`${api.url}/app/${path}`);
    await page.locator(ready).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await shows(page.locator('html'), /./);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 45_000);

  it('finds no serious or critical violation on the sign-in page, nor once it shows a refused token', async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/app/`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Mã truy cập').fill('not-a-token');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await shows(page.locator('#token-error'), 'không phải');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
