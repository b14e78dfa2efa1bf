/**
 * Item 1 of Kiên Giang's 126-CV/TU (citizen ID cards "by 30-6-2021") as the follow-up plan sees
 * it: two district committees lead, the provincial police party committee cooperates.
 */
import { dueAt, evolveItem, initialItemState, type Deadline, type ItemEvent, type ItemState } from '#directives';

export const ITEM_ID = 'kg-126-cv-tu-2021.1';
export const deadline = (date: string): Deadline => ({ date, dueAt: dueAt(date) });
export const DEADLINE = deadline('2021-06-30');
export const ASSIGNED_AT = '2021-04-15T01:30:00.000Z';
export const JUNE_25 = '2021-06-25T03:00:00.000Z';
export const TOO_LATE = '2021-06-30T17:00:00.000Z';
export const JULY_2 = '2021-07-02T03:00:00.000Z';

type Of<T extends ItemEvent['type']> = Extract<ItemEvent, { type: T }>;

/** An event of item 1 (its `itemId` filled in). */
export function ev<T extends ItemEvent['type']>(type: T, data: Omit<Of<T>['data'], 'itemId'>): Of<T> {
  return { type, data: { itemId: ITEM_ID, ...data } } as unknown as Of<T>;
}

export const issued = ev('ItemIssued', {
  directiveId: 'kg-126-cv-tu-2021',
  number: 1,
  title: 'Đẩy mạnh tuyên truyền, hỗ trợ cấp căn cước công dân',
  text: '…',
  duties: [],
  targets: [{ metric: 'cards_issued', value: 1_171_200 }],
  deadline: DEADLINE,
  focusAreas: [],
  issuedAt: '2021-04-14T02:00:00.000Z',
});

export const assigned = (unitId: string, role: 'lead' | 'cooperating', at = ASSIGNED_AT, due = DEADLINE) =>
  ev('UnitAssigned', { unitId, role, deadline: due, assignedAt: at });

export const underWay: ItemEvent[] = [
  issued,
  assigned('rach-gia', 'lead'),
  assigned('phu-quoc', 'lead'),
  assigned('dang-uy-cong-an-tinh', 'cooperating'),
];

export const reminderSent = (unitId: string, rule: string, due: string, at = due) =>
  ev('ReminderSent', { unitId, rule, dueAt: due, sentAt: at, late: false, channels: ['inbox'] });
export const completionReported = (unitId: string, at = JUNE_25) =>
  ev('CompletionReported', { unitId, summary: 'Hoàn thành', onTime: at < DEADLINE.dueAt, reportedAt: at });
export const completionRejected = (unitId: string, at = JULY_2) => ev('CompletionRejected', { unitId, reason: 'Số liệu chưa khớp', reviewedAt: at });

/** Rạch Giá asked for, and was granted, 31-7. */
export const extendedTo = (date: string, at = JUNE_25): ItemEvent[] => [
  ev('ExtensionRequested', { unitId: 'rach-gia', requestId: `ext-${date}`, currentDeadline: DEADLINE, requestedDeadline: deadline(date), reason: 'COVID-19', requestedAt: at }),
  ev('ExtensionApproved', {
    unitId: 'rach-gia',
    requestId: `ext-${date}`,
    originalDeadline: DEADLINE,
    previousDeadline: DEADLINE,
    newDeadline: deadline(date),
    decidedAt: at,
  }),
];

export const missed = (unitId: string, escalationId: string, at = TOO_LATE): ItemEvent[] => [
  ev('DeadlineMissed', { unitId, deadline: DEADLINE, detectedAt: at, late: false }),
  ev('EscalationRaised', { escalationId, unitId, level: 1, rule: 'deadline_missed', reason: 'Quá hạn', mustAct: 'dang-uy-cong-an-tinh', raisedAt: at }),
];

export const stateOf = (events: ItemEvent[]): ItemState => events.reduce(evolveItem, initialItemState());
