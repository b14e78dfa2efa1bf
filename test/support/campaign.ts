import { DISTRICTS, ITEM_1 } from './seed-data.js';
import type { ApiResponse, TestApi } from './test-app.js';

/** An instant of the campaign, given as local time in +07, as a UTC ISO string. */
export const at = (vnLocal: string) => new Date(`${vnLocal}+07:00`).toISOString();

/** Paths of item 1 (126-CV/TU task 1: 1,171,200 cards by 2021-06-30). */
export const item1 = (rest = '') => `/items/${ITEM_1}${rest}`;

export const ITEM_4 = ITEM_1.replace(/\.1$/, '.4');
export const ITEM_5 = ITEM_1.replace(/\.1$/, '.5');
export const UNKNOWN_ITEM = ITEM_1.replace(/\.1$/, '.9');
export const UNKNOWN_UUID = '0192f4c6-5b1e-7c3a-9d2e-1a2b3c4d5e6f';

export interface Actors {
  readonly secretariat: () => string;
  readonly monitor: () => string;
  readonly admin: () => string;
  readonly unit: (unitId: string) => string;
}

export const actorsOf = (api: TestApi): Actors => ({
  secretariat: () => api.token('secretariat', undefined, 'Văn phòng Tỉnh ủy'),
  monitor: () => api.token('monitor', undefined, 'Đảng ủy Công an tỉnh'),
  admin: () => api.token('admin'),
  unit: (unitId) => api.token('unit', unitId),
});

export const post = (api: TestApi, path: string, token: string, body: unknown = {}, headers?: Record<string, string>) =>
  api.request('POST', path, { token, body, ...(headers ? { headers } : {}) });

/** Fails the setup loudly when a step the tests rely on is refused. */
export function ok(res: ApiResponse, what: string): ApiResponse {
  if (res.status !== 201) throw new Error(`${what}: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/**
 * Item 1 assigned to the districts Rạch Giá and Kiên Hải (lead) and to the provincial police
 * party committee (cooperating), as the secretariat does it over HTTP.
 */
export async function assignItem1(api: TestApi): Promise<void> {
  const assignees = [
    { unitId: 'rach-gia', role: 'lead' },
    { unitId: 'kien-hai', role: 'lead' },
    { unitId: 'dang-uy-cong-an-tinh', role: 'cooperating' },
  ];
  ok(await post(api, item1('/assignments'), actorsOf(api).secretariat(), { assignees }), 'assign item 1');
}

/** Item 1 assigned to the district group (lead) and the provincial police (cooperating); every district acknowledges on 16 April. */
export async function assignItem1ToDistricts(api: TestApi): Promise<void> {
  const assignees = [{ groupId: 'district-party-committees', role: 'lead' }, { unitId: 'dang-uy-cong-an-tinh', role: 'cooperating' }];
  ok(await post(api, item1('/assignments'), api.token('secretariat'), { assignees }), 'item 1 assigned to the districts');
  api.clock.set(at('2021-04-16T08:00:00'));
  for (const id of DISTRICTS) ok(await post(api, item1('/acknowledgements'), api.token('unit', id)), `${id} acknowledges`);
}

/** The May days the districts report on in `reportMay`; Kiên Hải, the island district, reports on the first only. */
export const MAY_REPORT_DAYS = [1, 8, 15] as const;

/** Every district reports item 1's cumulative `figure(i, day)` at 17:00 +07 on each of `MAY_REPORT_DAYS` (Kiên Hải on the first only). */
export async function reportMay(api: TestApi, figure: (districtIndex: number, day: number) => number): Promise<void> {
  for (const day of MAY_REPORT_DAYS) {
    const asOf = `2021-05-${String(day).padStart(2, '0')}`;
    api.clock.set(at(`${asOf}T17:00:00`));
    for (const [i, id] of DISTRICTS.entries()) {
      if (id === 'kien-hai' && day > 1) continue;
      const body = { asOf, metrics: { cards_issued: figure(i, day) }, narrative: `Báo cáo ${asOf}` };
      ok(await post(api, item1('/progress-reports'), api.token('unit', id), body), `${id} reports on ${asOf}`);
    }
  }
}
