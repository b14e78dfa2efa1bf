import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { hasAttribute, launchBrowser, pageErrors, screenshot, shows, signIn } from './support/browser.js';
import { DIRECTIVE_ID, DISTRICTS, ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

const at = (vnLocal: string) => new Date(`${vnLocal}+07:00`).toISOString();
const ITEM_2 = `${DIRECTIVE_ID}.2`;
/** Chromium logs every refused fetch as a console error; the refusals these tests provoke are expected. */
const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|409)/.test(e));

describe('The secretariat page, in real headless Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-05-15T10:00:00'), worker: true });
    await registerCatalogueAndDirective(api);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await api?.close();
  });

  /**
   * A fresh tab (own sessionStorage and language) signed in through the sign-in page. The browser
   * runs in UTC with today's date: the page must still show the engine's 2021 clock in +07.
   */
  async function open(token: string, landing: RegExp): Promise<{ tab: Page; tabErrors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'UTC' });
    contexts.push(context);
    const tab = await context.newPage();
    const tabErrors = pageErrors(tab);
    await signIn(tab, api.url, token, landing);
    return { tab, tabErrors };
  }

  /** The secretariat's tab, loaded afresh (the API may have changed since) with its list drawn. */
  async function fresh(): Promise<void> {
    await page.reload();
    await page.getByRole('heading', { name: /^126-CV\/TU — / }).waitFor();
  }

  /**
   * Fills the registration form with a small valid directive: one item with one target. The form
   * is opened and the target row added from the keyboard, the new row taking the focus.
   */
  async function fillDirective(deadline = '2021-08-31'): Promise<Locator> {
    await page.getByText('Mở biểu mẫu đăng ký chỉ thị mới').focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Đăng ký chỉ thị' });
    await form.getByLabel(/^Số, ký hiệu/).fill('15-CT/TU');
    await form.getByLabel(/^Ngày ban hành/).fill('2021-05-14');
    await form.getByLabel(/^Cơ quan ban hành/).fill('Tỉnh ủy Kiên Giang');
    await form.getByLabel(/^Trích yếu/).fill('Tăng cường tiêm chủng vắc-xin phòng COVID-19');
    await form.getByLabel(/^Người ký/).fill('Mai Văn Huỳnh');
    await form.getByLabel(/^Chức vụ người ký/).fill('Phó Bí thư Thường trực');
    await form.getByLabel(/^Nơi nhận/).fill('Các huyện, thành ủy\nĐảng ủy Công an tỉnh');
    await form.getByLabel(/^Số thứ tự/).fill('1');
    await form.getByLabel(/^Thời hạn/).fill(deadline);
    await form.getByLabel(/^Tên nhiệm vụ/).fill('Tổ chức tiêm chủng cho người dân');
    await form.getByLabel(/^Nội dung/).fill('Các cấp ủy lãnh đạo tổ chức tiêm chủng an toàn, đúng đối tượng.');
    await form.getByRole('button', { name: 'Thêm chỉ tiêu' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('people_vaccinated');
    expect(await form.getByLabel(/^Mã chỉ tiêu/).inputValue()).toBe('people_vaccinated');
    await form.getByLabel(/^Giá trị chỉ tiêu/).fill('500000');
    await form.getByLabel(/^Tên chỉ tiêu/).fill('người đã tiêm');
    return form;
  }

  it('lands a secretariat signed in through the sign-in page on its page, listing 126-CV/TU and its items', async () => {
    ({ tab: page, tabErrors: errors } = await open(api.token('secretariat'), /secretariat\.html/));
    await page.getByRole('heading', { name: /^126-CV\/TU — / }).waitFor();
    expect(page.url()).toMatch(/\/app\/secretariat\.html$/);
    await shows(page.locator(`tr[data-item="${ITEM_1}"]`), 'hoàn thành cấp 1.171.200 thẻ căn cước công dân');
    expect(await page.locator('article.directive tbody tr').count()).toBe(5);
    await shows(page.locator(`tr[data-item="${ITEM_1}"]`), '30/06/2021');
    await shows(page.locator('#directives'), 'Số liệu tại 10:00 15/05/2021 (giờ Việt Nam).');
    expect(unexpected(errors)).toEqual([]);
  });

  it('registers a directive typed into the form, recorded with the values typed and the actor of the token', async () => {
    await fresh();
    const form = await fillDirective();
    await form.getByRole('button', { name: 'Đăng ký chỉ thị' }).click();
    await shows(form.locator('.form-done'), 'Đã đăng ký 15-CT/TU (mã 15-ct-tu-2021) với 1 nhiệm vụ.');
    await page.getByRole('heading', { name: /15-CT\/TU — Tăng cường tiêm chủng/ }).waitFor();
    await shows(page.locator('#assign-item optgroup[label="15-CT/TU"]'), 'Tổ chức tiêm chủng cho người dân');
    const registered = (await api.stream('registry-directives')).at(-1)!;
    expect(registered.type).toBe('DirectiveRegistered');
    expect(registered.data).toMatchObject({
      directiveId: '15-ct-tu-2021',
      header: { number: '15-CT/TU', issuedOn: '2021-05-14', issuer: 'Tỉnh ủy Kiên Giang', signer: { name: 'Mai Văn Huỳnh', title: 'Phó Bí thư Thường trực' }, addressees: ['Các huyện, thành ủy', 'Đảng ủy Công an tỉnh'] },
      items: [{ number: 1, title: 'Tổ chức tiêm chủng cho người dân', deadline: '2021-08-31', targets: [{ metric: 'people_vaccinated', value: 500_000, label: 'người đã tiêm' }] }],
    });
    expect(registered.metadata.actor).toMatchObject({ subject: 'secretariat:e2e', role: 'secretariat' });
    expect(unexpected(errors)).toEqual([]);
  });

  it('shows a refused value beside its field, with aria-invalid, and writes nothing', async () => {
    await fresh();
    const before = (await api.stream('registry-directives')).length;
    const form = await fillDirective('2021-05-01');
    await form.getByLabel(/^Số, ký hiệu/).fill('16-CT/TU');
    await form.getByLabel(/^Cơ quan ban hành/).fill('   ');
    await form.getByRole('button', { name: 'Đăng ký chỉ thị' }).click();
    await expectErrorBeside(form.getByLabel(/^Cơ quan ban hành/), 'issuer must not be blank');
    await form.getByLabel(/^Cơ quan ban hành/).fill('Tỉnh ủy Kiên Giang');
    await form.getByRole('button', { name: 'Đăng ký chỉ thị' }).click();
    await expectErrorBeside(form.getByLabel(/^Thời hạn/), 'items[0].deadline 2021-05-01 must not precede the issue date 2021-05-14');
    expect(await form.getByLabel(/^Cơ quan ban hành/).getAttribute('aria-invalid')).toBeNull();
    expect((await api.stream('registry-directives')).length).toBe(before);
    expect(unexpected(errors)).toEqual([]);
  });

  /** The control is marked invalid and described by a visible message saying what the API said. */
  async function expectErrorBeside(control: Locator, message: string): Promise<void> {
    await hasAttribute(control, 'aria-invalid', 'true');
    const describedBy = await control.getAttribute('aria-describedby');
    const error = page.locator(`[id="${describedBy}"]`);
    await shows(error, message);
    expect(await error.isVisible()).toBe(true);
  }

  it('assigns a unit group to an item, which the engine fans out to one UnitAssigned per member', async () => {
    await fresh();
    const form = page.getByRole('form', { name: 'Giao nhiệm vụ cho đơn vị' });
    await form.getByLabel('Nhiệm vụ', { exact: true }).selectOption(ITEM_1);
    await form.getByLabel('Các huyện, thành ủy').check();
    await form.getByLabel('Vai trò').selectOption('lead');
    await form.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await shows(form.locator('.form-done'), 'Đã giao cho 15 đơn vị.');
    const assigned = (await api.stream(`item-${ITEM_1}`)).filter((e) => e.type === 'UnitAssigned').map((e) => e.data as { unitId: string; role: string; viaGroupId?: string });
    expect(assigned.map((a) => a.unitId)).toEqual(DISTRICTS);
    expect(assigned.every((a) => a.role === 'lead' && a.viaGroupId === 'district-party-committees')).toBe(true);
    await shows(page.locator(`tr[data-item="${ITEM_1}"] summary`), '15 đơn vị');
    expect(unexpected(errors)).toEqual([]);
  });

  it('approves a unit’s extension request, the item then showing the new deadline; a rejection without a note is refused beside the note', async () => {
    const secretariat = api.token('secretariat');
    const assignees = [{ unitId: 'bcs-ubnd-tinh', role: 'lead' }, { unitId: 'dang-uy-cong-an-tinh', role: 'cooperating' }];
    expect((await api.request('POST', `/items/${ITEM_2}/assignments`, { token: secretariat, body: { assignees } })).status).toBe(201);
    for (const [unitId, date] of [['bcs-ubnd-tinh', '2021-07-15'], ['dang-uy-cong-an-tinh', '2021-07-20']] as const) {
      const token = api.token('unit', unitId);
      expect((await api.request('POST', `/items/${ITEM_2}/acknowledgements`, { token, body: {} })).status).toBe(201);
      const body = { requestedDeadline: date, reason: 'Chờ bố trí kinh phí hỗ trợ địa phương' };
      expect((await api.request('POST', `/items/${ITEM_2}/extension-requests`, { token, body })).status).toBe(201);
    }
    await fresh();
    const approve = page.getByRole('form', { name: /^Ban cán sự đảng Ủy ban nhân dân tỉnh/ });
    await shows(approve, '15/07/2021');
    await approve.getByLabel(/^Gia hạn đến ngày/).fill('2021-07-10');
    await approve.getByRole('button', { name: 'Duyệt gia hạn' }).click();
    await shows(page.locator('#extensions-status'), 'Đã duyệt gia hạn cho Ban cán sự đảng Ủy ban nhân dân tỉnh, nhiệm vụ 2, đến 10/07/2021.');
    const row = page.locator(`tr[data-item="${ITEM_2}"]`);
    await row.getByText('2 đơn vị').click();
    await row.getByText(/hạn 10\/07\/2021 \(gia hạn, ban đầu 30\/06\/2021\)/).waitFor();
    const item = await api.request('GET', `/items/${ITEM_2}`, { token: secretariat });
    expect(item.body.assignments.find((a: { unitId: string }) => a.unitId === 'bcs-ubnd-tinh').deadline.date).toBe('2021-07-10');

    const reject = page.getByRole('form', { name: /^Đảng ủy Công an tỉnh/ });
    await reject.getByRole('button', { name: 'Từ chối' }).click();
    await expectErrorBeside(reject.getByLabel(/^Ghi chú/), 'note is required when rejecting');
    const after = await api.request('GET', `/items/${ITEM_2}`, { token: secretariat });
    expect(after.body.extensionRequests.find((r: { unitId: string }) => r.unitId === 'dang-uy-cong-an-tinh').status).toBe('pending');
    expect(unexpected(errors)).toEqual([]);
  });

  it('closes an item as cancelled once a note says why, the refusal without one shown beside the note', async () => {
    const item5 = `${DIRECTIVE_ID}.5`;
    await fresh();
    const form = page.getByRole('form', { name: 'Kết thúc nhiệm vụ' });
    await form.getByLabel('Nhiệm vụ', { exact: true }).selectOption(item5);
    await form.getByLabel('Kết quả').selectOption('cancelled');
    await form.getByRole('button', { name: 'Kết thúc nhiệm vụ' }).click();
    await expectErrorBeside(form.getByLabel(/^Ghi chú/), 'note is required when cancelling');
    await form.getByLabel(/^Ghi chú/).fill('Ban Thường vụ giao nhiệm vụ này cho chỉ thị khác');
    await form.getByRole('button', { name: 'Kết thúc nhiệm vụ' }).click();
    await shows(form.locator('.form-done'), 'Đã kết thúc nhiệm vụ (Hủy).');
    await shows(page.locator(`tr[data-item="${item5}"]`), 'đã kết thúc');
    expect((await api.stream(`item-${item5}`)).at(-1)).toMatchObject({ type: 'ItemClosed', data: { outcome: 'cancelled' } });
    expect(await form.locator(`option[value="${item5}"]`).count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
  });

  it('shows a unit the "not for your role" notice and no forms', async () => {
    const { tab } = await open(api.token('unit', 'rach-gia'), /unit\.html/);
    await tab.goto(`${api.url}/app/secretariat.html`);
    await shows(tab.getByRole('alert'), 'Trang này dành cho Văn phòng Tỉnh ủy. Bạn đăng nhập với vai trò Đơn vị.');
    expect(await tab.locator('form').count()).toBe(0);
  });

  it('is shown in Vietnamese and, on the toggle, in English (screenshots)', async () => {
    await fresh();
    await page.locator('form.request').first().waitFor();
    await screenshot(page, 'secretariat-vi');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Extension requests to decide' }).waitFor();
    await shows(page.locator('#assign-groups'), 'District and city party committees');
    await shows(page.locator('form.request h3').first(), 'Party Committee of the Provincial Police');
    await screenshot(page, 'secretariat-en');
    expect(unexpected(errors)).toEqual([]);
  });
});
