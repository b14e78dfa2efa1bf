/**
 * Shared data for the item specifications: item 1 of Kiên Giang's 126-CV/TU (1,171,200 citizen
 * ID cards by 2021-06-30), the people who act on it, and builders of its events and commands.
 * Per-district figures used in the specs are illustrative: the document does not split the target.
 * Kept free of test-runner imports: `tsconfig.build.json` compiles this file with the library.
 */
import type { Actor } from '../shared/actor.js';
import { itemIdOf } from '../directive/directive.decider.js';
import type { ItemCommand, ItemCommandType } from './item.commands.js';
import { itemDecider } from './item.decide.js';
import type { AssignmentRole, Deadline, ItemEvent, ItemEventType } from './item.events.js';
import type { IssuedItemState, ItemState } from './item.state.js';

export const DIRECTIVE_ID = 'kg-126-cv-tu-2021';
export const ITEM_ID = itemIdOf(DIRECTIVE_ID, 1);
export const DISTRICTS_GROUP = 'district-party-committees';

export const secretariat: Actor = { subject: 'vptu.chuyen-vien-01', role: 'secretariat', name: 'Văn phòng Tỉnh ủy' };
export const monitor: Actor = { subject: 'dang-uy-cong-an-tinh.theo-doi-01', role: 'monitor', name: 'Đảng ủy Công an tỉnh' };
export const admin: Actor = { subject: 'admin-01', role: 'admin' };
/** The engine's own follow-up jobs. */
export const engine: Actor = { subject: 'directive-engine.follow-up', role: 'system' };
const unit = (unitId: string, name: string): Actor => ({ subject: `${unitId}.van-thu`, role: 'unit', unitId, name });
export const rachGia = unit('rach-gia', 'Thành ủy Rạch Giá');
export const phuQuoc = unit('phu-quoc', 'Thành ủy Phú Quốc');
export const kienHai = unit('kien-hai', 'Huyện ủy Kiên Hải');
export const police = unit('dang-uy-cong-an-tinh', 'Đảng ủy Công an tỉnh');
/** A unit token that does not say which unit it speaks for. */
export const unitWithoutId: Actor = { subject: 'orphan-token', role: 'unit' };

/** Calendar deadlines and the instants they expire (end of the day in +07). */
export const deadline = (date: string): Deadline => ({ date, dueAt: new Date(Date.parse(`${date}T17:00:00.000Z`)).toISOString() });
export const DEADLINE = deadline('2021-06-30');

/** 2021-04-14 09:00 +07, the day 126-CV/TU was signed. */
export const ISSUED_AT = '2021-04-14T02:00:00.000Z';
export const ASSIGNED_AT = '2021-04-15T01:30:00.000Z';
export const ACK_AT = '2021-04-16T03:00:00.000Z';
/** A working moment during the campaign: 2021-05-01 10:00 +07. */
export const MAY_1 = '2021-05-01T03:00:00.000Z';
export const MAY_10 = '2021-05-10T03:00:00.000Z';
export const JUNE_1 = '2021-06-01T03:00:00.000Z';
export const JUNE_25 = '2021-06-25T03:00:00.000Z';
/** The last instant of 2021-06-30 in +07, and the first one after it. */
export const LAST_MOMENT = '2021-06-30T16:59:59.999Z';
export const TOO_LATE = '2021-06-30T17:00:00.000Z';
export const JULY_2 = '2021-07-02T03:00:00.000Z';
export const JULY_10 = '2021-07-10T03:00:00.000Z';

type EventOf<T extends ItemEventType> = Extract<ItemEvent, { type: T }>;

/** An event of item 1 (its `itemId` filled in). */
export function ev<T extends ItemEventType>(type: T, data: Omit<EventOf<T>['data'], 'itemId'>): EventOf<T> {
  return { type, data: { itemId: ITEM_ID, ...data } } as unknown as EventOf<T>;
}

type CommandOf<T extends ItemCommandType> = Extract<ItemCommand, { type: T }>;

/** A command on item 1 by `actor` at `now`. */
export function cmd<T extends ItemCommandType>(type: T, actor: Actor, data: CommandOf<T>['data'], now: string): ItemCommand {
  return { type, itemId: ITEM_ID, actor, data, now } as ItemCommand;
}

export const ISSUE_DATA = {
  directiveId: DIRECTIVE_ID,
  number: 1,
  title: 'Đẩy mạnh tuyên truyền, hỗ trợ cấp căn cước công dân',
  text: 'Cấp ủy đảng, chính quyền các cấp tập trung lãnh đạo, chỉ đạo huy động cả hệ thống chính trị… phấn đấu đến hết ngày 30-6-2021, hoàn thành cấp 1.171.200 thẻ căn cước công dân trên địa bàn tỉnh.',
  duties: [
    { code: 'propaganda', description: 'Thông tin, tuyên truyền về Dự án cơ sở dữ liệu về dân cư và căn cước công dân' },
    { code: 'support-police', description: 'Hỗ trợ lực lượng Công an thu nhận hồ sơ cấp căn cước công dân' },
  ],
  targets: [{ metric: 'cards_issued', value: 1_171_200, label: 'thẻ CCCD đã cấp' }],
  deadline: '2021-06-30',
};

export const issued = ev('ItemIssued', {
  ...ISSUE_DATA,
  deadline: DEADLINE,
  focusAreas: [],
  issuedAt: ISSUED_AT,
});

export const issueItem = (actor: Actor, now: string) => cmd('IssueItem', actor, ISSUE_DATA, now);

export const assigned = (unitId: string, role: AssignmentRole, via?: string, due: Deadline = DEADLINE, at = ASSIGNED_AT) =>
  ev('UnitAssigned', { unitId, role, ...(via ? { viaGroupId: via } : {}), deadline: due, assignedAt: at });
export const acknowledged = (unitId: string, at = ACK_AT) => ev('AssignmentAcknowledged', { unitId, acknowledgedAt: at });
export const reported = (unitId: string, reportId: string, asOf: string, cards: number, at: string) =>
  ev('ProgressReported', { unitId, reportId, asOf, metrics: { cards_issued: cards }, narrative: `Đã cấp ${cards} thẻ`, reportedAt: at });
export const completionReported = (unitId: string, onTime: boolean, at: string) =>
  ev('CompletionReported', { unitId, summary: 'Hoàn thành chỉ tiêu cấp thẻ', onTime, reportedAt: at });
export const completionAccepted = (unitId: string, at: string) => ev('CompletionAccepted', { unitId, reviewedAt: at });
export const itemCompleted = (onTime: boolean, at: string) => ev('ItemCompleted', { onTime, completedAt: at });

/**
 * Item 1 after the secretariat fanned it out to two district-level party committees as leads,
 * with the provincial police party committee cooperating, and all three acknowledged.
 */
export const underWay: ItemEvent[] = [
  issued,
  assigned('rach-gia', 'lead', DISTRICTS_GROUP),
  assigned('phu-quoc', 'lead', DISTRICTS_GROUP),
  assigned('dang-uy-cong-an-tinh', 'cooperating'),
  acknowledged('rach-gia'),
  acknowledged('phu-quoc'),
  acknowledged('dang-uy-cong-an-tinh'),
];

/** Both leads' completion accepted: the item is completed (on time). */
export const completed: ItemEvent[] = [
  ...underWay,
  completionReported('rach-gia', true, JUNE_25),
  completionReported('phu-quoc', true, JUNE_25),
  completionAccepted('rach-gia', JULY_2),
  completionAccepted('phu-quoc', JULY_2),
  itemCompleted(true, JULY_2),
];

/**
 * One well-formed command of every kind that follows the issue, each sent by an actor allowed to
 * send it, to show which commands a state refuses as a whole.
 */
export const everyCommandAfterIssue = (now: string): Array<[ItemCommandType, ItemCommand]> => [
  ['AssignUnits', cmd('AssignUnits', secretariat, { assignees: [{ unitId: 'kien-hai', role: 'lead', viaGroupId: DISTRICTS_GROUP }] }, now)],
  ['AcknowledgeAssignment', cmd('AcknowledgeAssignment', rachGia, {}, now)],
  ['ReportProgress', cmd('ReportProgress', rachGia, { reportId: 'rg-07', asOf: '2021-05-01', metrics: { cards_issued: 90_000 }, narrative: 'Tiếp tục cấp thẻ' }, now)],
  ['CorrectProgressReport', cmd('CorrectProgressReport', rachGia, { reportId: 'rg-07-c', correctsReportId: 'rg-01', metrics: { cards_issued: 10 }, reason: 'Nhập sai' }, now)],
  ['ReportBlocker', cmd('ReportBlocker', rachGia, { blockerId: 'blk-09', description: 'Thiếu máy thu nhận' }, now)],
  ['ResolveBlocker', cmd('ResolveBlocker', secretariat, { blockerId: 'blk-01', resolution: 'Đã bổ sung máy' }, now)],
  ['RequestExtension', cmd('RequestExtension', rachGia, { requestId: 'ext-09', requestedDeadline: '2021-12-31', reason: 'Dịch COVID-19' }, now)],
  ['DecideExtension', cmd('DecideExtension', secretariat, { requestId: 'ext-01', decision: 'approve' }, now)],
  ['ReportCompletion', cmd('ReportCompletion', rachGia, { summary: 'Hoàn thành' }, now)],
  ['ReviewCompletion', cmd('ReviewCompletion', monitor, { unitId: 'rach-gia', decision: 'accept' }, now)],
  ['ProposeCommendation', cmd('ProposeCommendation', monitor, { commendationId: 'kt-09', nominee: { kind: 'collective', name: 'Thành ủy Rạch Giá', unitId: 'rach-gia' }, reason: 'Vượt chỉ tiêu' }, now)],
  ['CloseItem', cmd('CloseItem', secretariat, { outcome: 'cancelled', note: 'Thu hồi' }, now)],
];

/** The state the events fold into (an issued item). */
export function fold(events: ItemEvent[]): IssuedItemState {
  const state = events.reduce<ItemState>(itemDecider.evolve, itemDecider.initialState());
  if (state.status === 'unissued') throw new Error('fixture: the events do not issue the item');
  return state;
}
