import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pageErrors, screenshot, signIn } from './support/browser.js';
import { eventually } from './support/eventually.js';
import { DIRECTIVE_ID, DISTRICTS, ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

const at = (vnLocal: string) => new Date(`${vnLocal}+07:00`).toISOString();
const ITEM_4 = `${DIRECTIVE_ID}.4`;
const CARDS = 'thẻ căn cước công dân đã cấp';
/** The browser logs every refused request; refusals are what some of these tests provoke. */
const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource/.test(e));

/**
 * The unit page against the real API and the worker's read models: item 1 of 126-CV/TU assigned
 * to the 15 districts (all but Kiên Hải acknowledged, Rạch Giá at 10,000 cards on 8 May) and
 * item 4 assigned but not yet acknowledged; the engine clock at 15 May 2021, 10:00 +07.
 */
describe('The unit page', () => {
  let api: TestApi;
  let browser: Browser;
  const rachGia = () => api.token('unit', 'rach-gia');
  const itemStream = () => api.stream(`item-${ITEM_1}`);

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00'), worker: true });
    await registerCatalogueAndDirective(api);
    const secretariat = api.token('secretariat');
    const assign = (itemId: string, assignees: object[]) => api.request('POST', `/items/${itemId}/assignments`, { token: secretariat, body: { assignees } });
    expect((await assign(ITEM_1, [{ groupId: 'district-party-committees', role: 'lead' }, { unitId: 'dang-uy-cong-an-tinh', role: 'cooperating' }])).status).toBe(201);
    expect((await assign(ITEM_4, [{ groupId: 'district-party-committees', role: 'lead' }])).status).toBe(201);
    api.clock.set(at('2021-04-16T08:00:00'));
    for (const id of DISTRICTS.filter((d) => d !== 'kien-hai')) {
      expect((await api.request('POST', `/items/${ITEM_1}/acknowledgements`, { token: api.token('unit', id), body: {} })).status).toBe(201);
    }
    api.clock.set(at('2021-05-08T17:00:00'));
    const report = { asOf: '2021-05-08', metrics: { cards_issued: 10_000 }, narrative: 'Báo cáo tuần' };
    expect((await api.request('POST', `/items/${ITEM_1}/progress-reports`, { token: rachGia(), body: report })).status).toBe(201);
    api.clock.set(at('2021-05-15T10:00:00'));
    const monitor = api.token('monitor');
    await eventually('Rạch Giá’s scoreboard line', () => api.request('GET', '/dashboard/units/rach-gia', { token: monitor }), (r) => r.status === 200 && r.body.assignments.length === 2 && r.body.lastReport !== null);
    await eventually('Hà Tiên’s inbox', () => api.request('GET', '/units/ha-tien/inbox', { token: monitor }), (r) => r.status === 200 && r.body.entries.length >= 2);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /**
   * One tab per role, each signed in once through the sign-in page (a browser context costs
   * seconds on a busy machine): Rạch Giá's, then a monitor's. Each test opens the page it needs.
   */
  let unit: Page;
  let unitErrors: string[] = [];
  let monitor: Page | undefined;
  async function newTab(): Promise<Page> {
    return (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  }
  async function monitorTab(): Promise<Page> {
    if (!monitor) {
      monitor = await newTab();
      await signIn(monitor, api.url, api.token('monitor'), /monitor\.html/);
    }
    return monitor;
  }
  async function openUnitPage(query = ''): Promise<void> {
    await unit.goto(`${api.url}/app/unit.html${query}`);
  }
  const card = (page: Page, itemId: string) => page.locator(`article[data-item="${itemId}"]`);

  /** Opens a card's progress-report form with the keyboard (the `<summary>` is a real control). */
  async function openProgressForm(page: Page): Promise<void> {
    const summary = card(page, ITEM_1).locator('summary', { hasText: 'Báo cáo tiến độ' });
    await summary.focus();
    await page.keyboard.press('Enter');
    await card(page, ITEM_1).getByLabel(CARDS).waitFor();
  }

  it('shows a district, signed in through the sign-in page, its name, cells and assignments', async () => {
    unit = await newTab();
    unitErrors = pageErrors(unit);
    await signIn(unit, api.url, rachGia(), /unit\.html$/);
    await unit.getByRole('heading', { level: 1, name: 'Thành ủy Rạch Giá' }).waitFor();
    await unit.getByRole('heading', { name: /^Nhiệm vụ 1: Lãnh đạo, huy động/ }).waitFor();
    expect(await unit.getByRole('heading', { level: 2, name: 'Nhiệm vụ của tôi' }).isVisible()).toBe(true);
    expect(await unit.locator('[data-cell="in_progress_on_time"] .count').textContent()).toBe('2');
    const first = card(unit, ITEM_1);
    expect(await first.locator('[data-fact="role"]').textContent()).toBe('Chủ trì');
    expect(await first.locator('[data-fact="deadline"]').textContent()).toBe('30/06/2021');
    expect(await first.locator('[data-metric="cards_issued"]').textContent()).toContain('10.000 (tính đến 08/05/2021)');
    expect(await first.locator('[data-fact="acknowledged"]').textContent()).toContain('16/04/2021');
    expect(await card(unit, ITEM_4).locator('[data-fact="acknowledged"]').textContent()).toBe('Chưa xác nhận tiếp nhận');
    expect(await card(unit, ITEM_4).getByRole('button', { name: 'Xác nhận đã tiếp nhận nhiệm vụ' }).isVisible()).toBe(true);
    expect(await unit.locator('#inbox-list li').count()).toBeGreaterThanOrEqual(2);
    await screenshot(unit, 'unit-vi');
    expect(unexpected(unitErrors)).toEqual([]);
  });

  it('records a progress report typed into the form, as the signed-in unit, and the monitor page then shows its figure', async () => {
    await openUnitPage();
    await openProgressForm(unit);
    const form = card(unit, ITEM_1);
    expect(await form.getByLabel('Số liệu tính đến ngày').inputValue()).toBe('2021-05-15');
    await form.getByLabel(CARDS).fill('12345');
    await form.getByLabel('Nội dung đã thực hiện').fill('Tổ chức 12 điểm cấp CCCD lưu động tại các xã đảo');
    await form.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
    await unit.locator('#unit-flash', { hasText: 'Đã ghi nhận báo cáo tiến độ nhiệm vụ 1.' }).waitFor();
    await form.locator('[data-metric="cards_issued"]', { hasText: '12.345 (tính đến 15/05/2021)' }).waitFor();

    const reported = (await itemStream()).filter((e) => e.type === 'ProgressReported').at(-1)!;
    expect(reported.data).toMatchObject({ unitId: 'rach-gia', asOf: '2021-05-15', metrics: { cards_issued: 12_345 }, narrative: 'Tổ chức 12 điểm cấp CCCD lưu động tại các xã đảo' });
    expect(reported.metadata.actor).toMatchObject({ subject: 'unit:rach-gia', role: 'unit', unitId: 'rach-gia' });
    expect(unexpected(unitErrors)).toEqual([]);

    // The monitor page is drawn from the read models, which follow asynchronously: reload until it shows the figure.
    const page = await monitorTab();
    const cell = page.locator('tr[data-unit="rach-gia"] td[data-col="latest"]');
    const shown = async () => {
      const text = await cell.first().textContent({ timeout: 3000 }).catch(() => null);
      if (!text?.includes('12.345')) await page.reload();
      return text?.trim();
    };
    expect(await eventually('the monitor page showing Rạch Giá’s 12.345 cards', shown, (text) => text?.includes('12.345') === true, 20_000)).toContain('12.345');
  }, 45_000);

  it('shows a negative figure’s refusal beside its input and writes nothing', async () => {
    await openUnitPage();
    await openProgressForm(unit);
    const form = card(unit, ITEM_1);
    const before = (await itemStream()).length;
    const input = form.getByLabel(CARDS);
    await input.fill('-5');
    await form.getByLabel('Nội dung đã thực hiện').fill('Thử số âm');
    await form.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
    await form.locator('input[name="metrics.cards_issued"][aria-invalid="true"]').waitFor();
    const message = unit.locator(`#${await input.getAttribute('aria-describedby')}`);
    expect(await message.isVisible()).toBe(true);
    expect(await message.textContent()).toMatch(/^metrics\.cards_issued must be a number from 0 to/);
    expect((await itemStream()).length).toBe(before);
  });

  it('shows a figure below the last reported cumulative value refused beside its input, and writes nothing', async () => {
    await openUnitPage();
    await openProgressForm(unit);
    const form = card(unit, ITEM_1);
    const before = (await itemStream()).length;
    await form.getByLabel(CARDS).fill('100');
    await form.getByLabel('Nội dung đã thực hiện').fill('Số liệu nhập nhầm');
    await form.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
    const invalid = form.locator('input[name="metrics.cards_issued"][aria-invalid="true"]');
    await invalid.waitFor();
    const message = unit.locator(`#${await invalid.getAttribute('aria-describedby')}`);
    expect(await message.textContent()).toMatch(/cumulative: 100 is below the 1\d{4} already reported/);
    expect(await message.isVisible()).toBe(true);
    expect((await itemStream()).length).toBe(before);
  });

  it('refuses a unit another unit’s inbox, showing the refusal and none of its entries', async () => {
    await openUnitPage('?unit=ha-tien');
    await unit.getByRole('heading', { level: 1, name: 'Thành ủy Hà Tiên' }).waitFor();
    const refusal = unit.locator('#inbox-refused');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Bạn không được xem hộp thư của đơn vị khác');
    expect(await refusal.textContent()).toContain('INBOX.NOT_YOURS');
    expect(await unit.locator('#unit-inbox li').count()).toBe(0);
    expect(await unit.locator('#unit-assignments form').count()).toBe(0);
    expect(await unit.locator('#unit-assignments [data-fact="acknowledged"]').count()).toBe(0);
    await screenshot(unit, 'unit-forbidden');
    expect(unexpected(unitErrors)).toEqual([]);
  });

  it('lets a monitor look at a unit read-only: assignments and inbox, no forms', async () => {
    const page = await monitorTab();
    await page.goto(`${api.url}/app/unit.html?unit=rach-gia`);
    await card(page, ITEM_1).locator('[data-metric="cards_issued"]').waitFor();
    expect(await page.getByText('Bạn đang xem đơn vị này ở chế độ chỉ đọc.').isVisible()).toBe(true);
    expect(await page.locator('#unit-assignments form').count()).toBe(0);
    expect(await page.locator('#inbox-list li').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByLabel('Xem đơn vị').inputValue()).toBe('rach-gia');
  });

  it('acknowledges an assignment with the keyboard, then offers its reports', async () => {
    await openUnitPage();
    const fourth = card(unit, ITEM_4);
    await fourth.getByRole('button', { name: 'Xác nhận đã tiếp nhận nhiệm vụ' }).focus();
    await unit.keyboard.press('Enter');
    await fourth.locator('summary', { hasText: 'Báo cáo tiến độ' }).waitFor();
    expect(await fourth.locator('[data-fact="acknowledged"]').textContent()).toContain('10:00 15/05/2021');
    const acknowledged = (await api.stream(`item-${ITEM_4}`)).filter((e) => e.type === 'AssignmentAcknowledged');
    expect(acknowledged.map((e) => e.data)).toEqual([expect.objectContaining({ unitId: 'rach-gia' })]);
  });

  it('switches to English on the header’s toggle', async () => {
    await openUnitPage();
    await card(unit, ITEM_1).waitFor();
    await unit.getByRole('button', { name: 'Switch to English' }).click();
    await unit.getByRole('heading', { level: 2, name: 'My assignments' }).waitFor();
    expect(await unit.getByRole('heading', { level: 1 }).textContent()).toBe('Rach Gia City Party Committee');
    expect(await card(unit, ITEM_1).locator('[data-fact="role"]').textContent()).toBe('Lead');
    expect(await card(unit, ITEM_1).locator('[data-metric="cards_issued"]').textContent()).toContain('12,345 (as of 15/05/2021)');
    expect(await unit.locator('html').getAttribute('lang')).toBe('en');
    await card(unit, ITEM_1).locator('summary', { hasText: 'Report progress' }).click();
    await screenshot(unit, 'unit-en');
    expect(unexpected(unitErrors)).toEqual([]);
  });
});
