/**
 * Recorded events of Kiên Giang's 126-CV/TU for the replay specifications: items 1 (the
 * 1,171,200-card target) and 3, recorded at chosen instants. Figures per district are
 * illustrative (the directive does not split its target). Kept free of test-runner imports.
 */
import { dueAt, type DirectiveRecord, type ItemEvent, type ItemEventType } from '#directives';
import type { EventActor, RecordedEvent } from '#event-store';

export const DIRECTIVE_ID = '126-cv-tu-2021';
export const ITEM_1 = `${DIRECTIVE_ID}.1`;
export const ITEM_3 = `${DIRECTIVE_ID}.3`;
export const DEADLINE = { date: '2021-06-30', dueAt: dueAt('2021-06-30') };
export const EXTENDED = { date: '2021-07-31', dueAt: dueAt('2021-07-31') };

/** An instant given as local time in +07, as UTC ISO-8601. */
export const vn = (local: string): string => new Date(`${local}+07:00`).toISOString();

const definition = (number: number) => ({
  itemId: `${DIRECTIVE_ID}.${number}`,
  number,
  title: number === 1 ? 'Lãnh đạo cấp căn cước công dân' : 'Đẩy nhanh tiến độ thu nhận hồ sơ',
  text: `Nhiệm vụ ${number} của Công văn 126-CV/TU`,
  duties: [],
  targets: number === 1 ? [{ metric: 'cards_issued', value: 1_171_200, label: 'thẻ CCCD đã cấp' }] : [],
  deadline: '2021-06-30',
  focusAreas: [],
});

export const CV_126: DirectiveRecord = {
  directiveId: DIRECTIVE_ID,
  header: { issuer: 'Tỉnh ủy Kiên Giang', number: '126-CV/TU', issuedOn: '2021-04-14', subject: 'Cấp căn cước công dân', signer: { name: 'Mai Văn Huỳnh', title: 'Phó Bí thư Thường trực' }, addressees: [], legalBasis: [] },
  items: [definition(1), definition(3)],
};

type Payload<T extends ItemEventType> = Omit<Extract<ItemEvent, { type: T }>['data'], 'itemId'> & { itemId?: string };

/** A log under construction: each event takes the next revision of its stream and the next global position. */
export class ReplayLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  record(streamId: string, type: string, data: unknown, recordedAt: string, actor: EventActor = { subject: 'vptu', role: 'secretariat' }): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const position = this.events.length + 1;
    const event = { eventId: `evt-${position}`, streamId, revision, position: String(position), type, data, metadata: { actor, correlationId: `corr-${position}`, recordedAt } };
    this.events.push(event);
    return event;
  }

  registered(at = vn('2021-04-14T09:00:00')): this {
    this.record('registry-directives', 'DirectiveRegistered', { ...CV_126, registeredAt: at }, at);
    return this;
  }

  item<T extends ItemEventType>(type: T, data: Payload<T>, at: string): this {
    const full = { ...data, itemId: data.itemId ?? ITEM_1 };
    const unitId = (data as { unitId?: string }).unitId;
    this.record(`item-${full.itemId}`, type, full, at, unitId ? { subject: `${unitId}.van-thu`, role: 'unit', unitId } : undefined);
    return this;
  }

  issued(number: number, at = vn('2021-04-14T09:00:00')): this {
    const { deadline: _date, ...rest } = definition(number);
    return this.item('ItemIssued', { ...rest, directiveId: DIRECTIVE_ID, deadline: DEADLINE, issuedAt: at }, at);
  }

  assigned(unitId: string, role: 'lead' | 'cooperating', at = vn('2021-04-15T08:30:00'), itemId = ITEM_1): this {
    return this.item('UnitAssigned', { itemId, unitId, role, deadline: DEADLINE, assignedAt: at }, at);
  }

  reported(unitId: string, reportId: string, asOf: string, cards: number, at: string, itemId = ITEM_1): this {
    return this.item('ProgressReported', { itemId, unitId, reportId, asOf, metrics: { cards_issued: cards }, narrative: `Đã cấp ${cards} thẻ`, reportedAt: at }, at);
  }

  corrected(unitId: string, reportId: string, correctsReportId: string, asOf: string, cards: number, at: string): this {
    return this.item('ProgressReportCorrected', { unitId, reportId, correctsReportId, asOf, metrics: { cards_issued: cards }, reason: 'Nhập sai số liệu', correctedAt: at }, at);
  }

  extended(unitId: string, at: string): this {
    const requestId = `ext-${unitId}`;
    this.item('ExtensionRequested', { unitId, requestId, currentDeadline: DEADLINE, requestedDeadline: EXTENDED, reason: 'Ngư dân đi biển', requestedAt: at }, at);
    return this.item('ExtensionApproved', { unitId, requestId, originalDeadline: DEADLINE, previousDeadline: DEADLINE, newDeadline: EXTENDED, decidedAt: at }, at);
  }

  escalated(escalationId: string, unitId: string, at: string, itemId = ITEM_1): this {
    return this.item('EscalationRaised', { itemId, escalationId, unitId, level: 1, rule: 'at_risk', reason: 'Chậm tiến độ', mustAct: 'dang-uy-cong-an-tinh', raisedAt: at }, at);
  }

  resolved(escalationId: string, unitId: string, at: string, itemId = ITEM_1): this {
    return this.item('EscalationResolved', { itemId, escalationId, unitId, resolution: 'Đã đôn đốc', resolvedAt: at }, at);
  }

  reminded(unitId: string, at: string): this {
    return this.item('ReminderSent', { unitId, rule: 'deadline-minus-7d', dueAt: at, sentAt: at, late: false, channels: ['inbox'] }, at);
  }
}

/**
 * The campaign the specifications replay: issued 14 April, two districts lead item 1 and the
 * provincial police cooperate; reports on 1 and 14 May; on 15 May (the instant asked) nothing yet
 * corrected; on 20 May Rạch Giá corrects its 14 May figure and Kiên Hải files a late report
 * dated 15 May; a report dated 1 June; Kiên Hải's deadline extended; an escalation raised and
 * resolved in June; reminders on the way.
 */
export function campaign(): ReplayLog {
  return new ReplayLog()
    .registered()
    .issued(1)
    .issued(3)
    .assigned('rach-gia', 'lead')
    .assigned('kien-hai', 'lead')
    .assigned('dang-uy-cong-an-tinh', 'cooperating')
    .assigned('rach-gia', 'lead', vn('2021-04-15T08:30:00'), ITEM_3)
    .reported('rach-gia', 'rg-01', '2021-05-01', 100_000, vn('2021-05-01T17:00:00'))
    .reported('kien-hai', 'kh-01', '2021-05-01', 4_000, vn('2021-05-01T17:10:00'))
    .reminded('kien-hai', vn('2021-05-14T08:00:00'))
    .reported('rach-gia', 'rg-02', '2021-05-14', 230_000, vn('2021-05-14T17:00:00'))
    .reported('rach-gia', 'rg-03', '2021-05-20', 260_000, vn('2021-05-20T17:00:00'))
    .corrected('rach-gia', 'rg-02-c', 'rg-02', '2021-05-14', 220_000, vn('2021-05-20T17:30:00'))
    .reported('kien-hai', 'kh-02', '2021-05-15', 9_000, vn('2021-05-20T18:00:00'))
    .extended('kien-hai', vn('2021-05-25T10:00:00'))
    .reported('rach-gia', 'rg-04', '2021-06-01', 400_000, vn('2021-06-01T17:00:00'))
    .escalated('esc-1', 'kien-hai', vn('2021-06-02T09:00:00'))
    .resolved('esc-1', 'kien-hai', vn('2021-06-04T09:00:00'))
    .reminded('rach-gia', vn('2021-06-23T08:00:00'));
}
