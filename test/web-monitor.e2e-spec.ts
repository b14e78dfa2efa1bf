import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { hasAttribute, launchBrowser, pageErrors, screenshot, shows, signIn } from './support/browser.js';
import { assignItem1ToDistricts, at, reportMay } from './support/campaign.js';
import { eventually } from './support/eventually.js';
import { DISTRICTS, DIRECTIVE_ID, ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

/** Illustrative per-district figures (the directive does not split its target). */
const figure = (i: number, day: number) => 300 * (i + 1) * day;
const reported = (id: string, day: number) => (id === 'kien-hai' ? 1 : day);
const total = (day: number) => DISTRICTS.reduce((sum, id, i) => sum + figure(i, reported(id, day)), 0);
const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('The monitor dashboard, in real headless Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00'), worker: true });
    await registerCatalogueAndDirective(api);
    await assignItem1ToDistricts(api);
    await reportMay(api, figure);
    api.clock.set(at('2021-05-15T18:00:00'));
    const monitor = api.token('monitor');
    await eventually('the target read model on 15 May', () => api.request('GET', `/dashboard/targets/${ITEM_1}`, { token: monitor }), (r) => r.body.metrics?.[0]?.latest === total(15));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = pageErrors(page);
    await signIn(page, api.url, monitor, /monitor\.html/);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('shows a monitor directive 126-CV/TU: its five items in the status cells, the target chart and every district’s figure', async () => {
    await shows(page.locator('#directive-subtitle'), '126-CV/TU');
    await page.locator('#items-table tbody tr').nth(4).waitFor();
    const counts = await page.locator('#cells li:not([data-cell="atRisk"]) .count').allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(5);
    expect(await page.locator('#items-table tbody tr').count()).toBe(5);
    await shows(page.locator('#chart-summary'), `${vi(total(15))} / ${vi(1_171_200)}`);
    expect(await page.locator('#progress-chart').evaluate((c) => (c as unknown as { width: number }).width > 0)).toBe(true);
    for (const [i, id] of DISTRICTS.entries()) {
      await shows(page.locator(`#districts-table tr[data-unit="${id}"] td[data-col="latest"]`), exactly(vi(figure(i, reported(id, 15)))));
    }
    await screenshot(page, 'monitor-vi');
    expect(errors).toEqual([]);
  });

  it('shows the worker’s verification of the hash chains in the audit badge, and verifies again on request', async () => {
    const last = await eventually('the worker’s walk at start', () => api.request('GET', '/audit/verify/last', { token: api.token('monitor') }), (r) => r.body.last !== null);
    expect(last.body.last).toMatchObject({ ok: true, via: 'scheduled', brokenCount: 0 });
    await page.getByRole('button', { name: 'Kiểm tra ngay' }).click();
    await hasAttribute(page.locator('#audit-badge [data-audit]'), 'data-audit', 'ok');
    await shows(page.locator('#audit-badge'), 'Lịch sử toàn vẹn');
    expect((await api.request('GET', '/audit/verify/last', { token: api.token('monitor') })).body.last.via).toBe('verify');
  });

  it('sorts the districts by percent of target and by overdue count from the keyboard', async () => {
    const sortBy = async (name: RegExp) => {
      await page.getByRole('button', { name }).focus();
      await page.keyboard.press('Enter');
    };
    await sortBy(/Sắp xếp theo % chỉ tiêu/);
    const header = page.locator('#districts-table th[data-sort="percent"]');
    const order = await header.getAttribute('aria-sort');
    expect(['ascending', 'descending']).toContain(order);
    const first = await page.locator('#districts-table tbody tr').first().getAttribute('data-unit');
    // The police cooperate without reporting figures (0 %); the largest figure is the district's with the largest multiple.
    const largest = [...DISTRICTS.entries()].sort(([i, a], [j, b]) => figure(j, reported(b, 15)) - figure(i, reported(a, 15)))[0]![1];
    expect(first).toBe(order === 'descending' ? largest : 'dang-uy-cong-an-tinh');
    await sortBy(/Sắp xếp theo Nhiệm vụ quá hạn/);
    await hasAttribute(page.locator('#districts-table th[data-sort="overdue"]'), 'aria-sort', 'descending');
  });

  it('replays item 1 and the overview to 8 May with the as-of slider, dimming what came later', async () => {
    const slider = page.getByLabel('Xem lại tại ngày');
    await slider.focus();
    await page.keyboard.press('End');
    for (let i = 0; i < 7; i += 1) await page.keyboard.press('ArrowLeft');
    await shows(page.locator('#as-of-label'), '08/05/2021');
    await shows(page.locator('#as-of-state h3'), '08/05/2021');
    await shows(page.locator('#as-of-state [data-as-of-metric="cards_issued"]'), vi(total(8)));
    const last = page.locator('#timeline li').last();
    await hasAttribute(last, 'class', /future/);
    expect((await page.locator('#timeline li[data-type="ItemIssued"]').getAttribute('class')) ?? '').not.toMatch(/future/);
  });

  it('switches to English and back, keeping the figures', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await shows(page.locator('h1'), 'Directive monitoring dashboard');
    await shows(page.locator('#cells'), 'In progress, on time');
    await shows(page.locator('#as-of-state h3'), 'As it stood at the end of 08/05/2021');
    await shows(page.locator('#timeline li[data-type="ItemIssued"]'), 'Item issued');
    await screenshot(page, 'monitor-en');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await shows(page.locator('h1'), 'Bảng theo dõi thực hiện chỉ thị');
  });

  it('tells a unit the dashboard is not for its role, showing none of it', async () => {
    const unitPage = await browser.newPage();
    await signIn(unitPage, api.url, api.token('unit', 'rach-gia'), /unit\.html/);
    await unitPage.goto(`${api.url}/app/monitor.html`);
    await shows(unitPage.getByRole('alert'), 'Trang này dành cho');
    expect(await unitPage.locator('#districts-table tr').count()).toBe(0);
    await unitPage.close();
  });

  it('turns the audit badge red, naming the alteration, once a row of the store file is edited', async () => {
    const report = (await api.stream(`item-${ITEM_1}`)).find((e) => e.type === 'ProgressReported')!;
    const db = new Database(api.file);
    try {
      db.prepare(`UPDATE events SET data = json_set(data, '$.metrics.cards_issued', 999999) WHERE event_id = ?`).run(report.eventId);
    } finally {
      db.close();
    }
    await page.getByRole('button', { name: 'Kiểm tra ngay' }).click();
    await hasAttribute(page.locator('#audit-badge [data-audit]'), 'data-audit', 'broken');
    await shows(page.locator('#audit-badge'), 'Phát hiện 1 chỗ lịch sử bị thay đổi');
    await screenshot(page, 'monitor-audit-broken');
  });

  it('answers the pages without a token, but none of their data', async () => {
    const html = await fetch(`${api.url}/app/monitor.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${api.url}/dashboard/directives/${DIRECTIVE_ID}`)).status).toBe(401);
  });
});
