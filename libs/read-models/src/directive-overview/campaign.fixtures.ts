/**
 * Recorded events of Kiên Giang's 126-CV/TU campaign for the read-model specifications (shared by
 * the five models). Per-district figures are illustrative: the directive does not split the
 * 1,171,200-card target per district. Kept free of test-runner imports.
 */
import type { EventActor, RecordedEvent } from '#event-store';
import { dueAt } from '#directives';
import { InMemoryDocumentStore, type DocumentStore, type Projection } from '../engine/index.js';
import { directiveKey, overviewProgressKey, type DirectiveOverviewDoc, type DirectiveOverviewDocs, type OverviewProgressDoc } from './directive-overview.document.js';
import type { AssignmentRole, Deadline, DirectiveRecord, ItemEvent, ItemEventType, UnitRecord } from '#directives';

export const DIRECTIVE_ID = '126-cv-tu-2021';
export const ITEM_1 = `${DIRECTIVE_ID}.1`;
export const ITEM_3 = `${DIRECTIVE_ID}.3`;
export const ITEM_4 = `${DIRECTIVE_ID}.4`;
export const REGISTRY = 'registry-directives';
export const CATALOGUE = 'catalogue-units';
export const itemStream = (itemId: string): string => `item-${itemId}`;

export const deadline = (date: string): Deadline => ({ date, dueAt: dueAt(date) });
export const DEADLINE = deadline('2021-06-30');
export const TARGET = { metric: 'cards_issued', value: 1_171_200, label: 'thẻ CCCD đã cấp' };

export const REGISTERED_AT = '2021-04-14T01:00:00.000Z';
/** 2021-04-14 09:00 +07, the day 126-CV/TU was signed. */
export const ISSUED_AT = '2021-04-14T02:00:00.000Z';
export const ASSIGNED_AT = '2021-04-15T01:30:00.000Z';
export const MAY_15 = '2021-05-15T10:00:00.000Z';
export const JUNE_25 = '2021-06-25T03:00:00.000Z';
/** The last instant of 2021-06-30 in +07, and the first one after it. */
export const LAST_MOMENT = '2021-06-30T16:59:59.999Z';
export const TOO_LATE = '2021-06-30T17:00:00.000Z';
export const JULY_2 = '2021-07-02T03:00:00.000Z';
export const JULY_10 = '2021-07-10T03:00:00.000Z';

export const UNITS: Readonly<Record<string, UnitRecord>> = {
  'rach-gia': { unitId: 'rach-gia', name: 'Thành ủy Rạch Giá', kind: 'city_party_committee', tags: [] },
  'phu-quoc': { unitId: 'phu-quoc', name: 'Thành ủy Phú Quốc', kind: 'city_party_committee', tags: ['island'] },
  'kien-hai': { unitId: 'kien-hai', name: 'Huyện ủy Kiên Hải', kind: 'district_party_committee', tags: ['island'] },
  'dang-uy-cong-an-tinh': { unitId: 'dang-uy-cong-an-tinh', name: 'Đảng ủy Công an tỉnh', kind: 'party_committee', tags: [] },
};

const TITLES = [
  'Lãnh đạo, huy động cả hệ thống chính trị tuyên truyền, hỗ trợ cấp căn cước công dân',
  'Chỉ đạo phối hợp, hỗ trợ kinh phí, khen thưởng',
  'Đẩy nhanh tiến độ thu nhận hồ sơ cấp căn cước công dân',
  'Tuyên truyền, hỗ trợ kinh phí, trang thiết bị, địa điểm; rà soát hộ tịch',
  'Phối hợp tuyên truyền, vận động đoàn viên, hội viên và Nhân dân',
];

export const CV_126: DirectiveRecord = {
  directiveId: DIRECTIVE_ID,
  header: {
    issuer: 'Tỉnh ủy Kiên Giang — Ban Thường vụ Tỉnh ủy',
    number: '126-CV/TU',
    issuedOn: '2021-04-14',
    place: 'Kiên Giang',
    subject: 'Chỉ đạo đẩy mạnh công tác cấp căn cước công dân trên địa bàn tỉnh',
    signer: { name: 'Mai Văn Huỳnh', title: 'Phó Bí thư Thường trực' },
    addressees: ['Các huyện, thành ủy'],
    legalBasis: ['Luật Căn cước công dân 2014'],
  },
  monitoring: { leadUnitId: 'dang-uy-cong-an-tinh', withUnitIds: ['van-phong-tinh-uy'], reportsTo: 'ban-thuong-vu-tinh-uy' },
  items: TITLES.map((title, i) => ({
    itemId: `${DIRECTIVE_ID}.${i + 1}`,
    number: i + 1,
    title,
    text: `Nhiệm vụ ${i + 1} của Công văn 126-CV/TU`,
    duties: [{ code: 'propaganda', description: 'Đẩy mạnh tuyên truyền về căn cước công dân' }],
    targets: i === 0 ? [TARGET] : [],
    deadline: '2021-06-30',
    focusAreas: i === 2 ? ['remote', 'border', 'island'] : [],
  })),
};

type ItemData<T extends ItemEventType> = Extract<ItemEvent, { type: T }>['data'];
type Payload<T extends ItemEventType> = Omit<ItemData<T>, 'itemId'> & { itemId?: string };

const SYSTEM: EventActor = { subject: 'engine', role: 'system' };
const SECRETARIAT: EventActor = { subject: 'vptu.chuyen-vien-01', role: 'secretariat', name: 'Văn phòng Tỉnh ủy' };
const UNIT_ACTS = new Set(['AssignmentAcknowledged', 'ProgressReported', 'ProgressReportCorrected', 'BlockerReported', 'ExtensionRequested', 'CompletionReported']);

/**
 * A log under construction: each event takes the next revision of its stream and the next global
 * position, as the event store would give them. One log per specification.
 */
export class CampaignLog {
  private position = 0;
  private readonly revisions = new Map<string, number>();

  record(streamId: string, type: string, data: unknown, recordedAt: string, actor: EventActor = SYSTEM): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    this.position += 1;
    const metadata = { actor, correlationId: `corr-${this.position}`, recordedAt };
    return { eventId: `evt-${this.position}`, streamId, revision, position: String(this.position), type, data, metadata };
  }

  directive(record: DirectiveRecord = CV_126, at = REGISTERED_AT): RecordedEvent {
    return this.record(REGISTRY, 'DirectiveRegistered', { ...record, registeredAt: at }, at, SECRETARIAT);
  }

  unit(unitId: string, at = REGISTERED_AT): RecordedEvent {
    return this.record(CATALOGUE, 'UnitRegistered', { ...UNITS[unitId]!, registeredAt: at }, at, SECRETARIAT);
  }

  /** An item event recorded at `at` (item 1 unless `data.itemId` says otherwise). */
  item<T extends ItemEventType>(type: T, data: Payload<T>, at: string): RecordedEvent {
    const full = { ...data, itemId: data.itemId ?? ITEM_1 };
    const unitId = (data as { unitId?: string }).unitId;
    const actor: EventActor = UNIT_ACTS.has(type) && unitId ? { subject: `${unitId}.van-thu`, role: 'unit', unitId } : SECRETARIAT;
    return this.record(itemStream(full.itemId), type, full, at, actor);
  }

  issued(itemId = ITEM_1, at = ISSUED_AT): RecordedEvent {
    const def = CV_126.items.find((i) => i.itemId === itemId)!;
    const { deadline: date, ...rest } = def;
    return this.item('ItemIssued', { ...rest, itemId, directiveId: DIRECTIVE_ID, duties: [...rest.duties], targets: [...rest.targets], focusAreas: [...rest.focusAreas], deadline: deadline(date), issuedAt: at }, at);
  }

  assigned(unitId: string, role: AssignmentRole, opts: { itemId?: string; due?: Deadline; at?: string; via?: string } = {}): RecordedEvent {
    const at = opts.at ?? ASSIGNED_AT;
    const via = opts.via ? { viaGroupId: opts.via } : {};
    return this.item('UnitAssigned', { itemId: opts.itemId, unitId, role, ...via, deadline: opts.due ?? DEADLINE, assignedAt: at }, at);
  }

  reported(unitId: string, reportId: string, asOf: string, cards: number, at: string, itemId = ITEM_1): RecordedEvent {
    return this.item('ProgressReported', { itemId, unitId, reportId, asOf, metrics: { cards_issued: cards }, narrative: `Đã cấp ${cards} thẻ`, reportedAt: at }, at);
  }

  corrected(unitId: string, reportId: string, correctsReportId: string, asOf: string, cards: number, at: string): RecordedEvent {
    return this.item('ProgressReportCorrected', { unitId, reportId, correctsReportId, asOf, metrics: { cards_issued: cards }, reason: 'Nhập sai số liệu', correctedAt: at }, at);
  }

  /** An extension to `newDate`, requested and approved at `at`: [ExtensionRequested, ExtensionApproved]. */
  extension(unitId: string, newDate: string, at: string, itemId = ITEM_1): RecordedEvent[] {
    const requestId = `ext-${unitId}`;
    return [
      this.item('ExtensionRequested', { itemId, unitId, requestId, currentDeadline: DEADLINE, requestedDeadline: deadline(newDate), reason: 'Dịch COVID-19', requestedAt: at }, at),
      this.item('ExtensionApproved', { itemId, unitId, requestId, originalDeadline: DEADLINE, previousDeadline: DEADLINE, newDeadline: deadline(newDate), decidedAt: at }, at),
    ];
  }

  completionReported(unitId: string, onTime: boolean, at: string, itemId = ITEM_1): RecordedEvent {
    return this.item('CompletionReported', { itemId, unitId, summary: 'Hoàn thành chỉ tiêu cấp thẻ', onTime, reportedAt: at }, at);
  }

  completionAccepted(unitId: string, at: string, itemId = ITEM_1): RecordedEvent {
    return this.item('CompletionAccepted', { itemId, unitId, reviewedAt: at }, at);
  }

  completed(onTime: boolean, at: string, itemId = ITEM_1): RecordedEvent {
    return this.item('ItemCompleted', { itemId, onTime, completedAt: at }, at);
  }

  closed(outcome: 'completed' | 'cancelled', at: string, itemId = ITEM_1): RecordedEvent {
    const note = outcome === 'cancelled' ? { note: 'Thu hồi nhiệm vụ' } : {};
    return this.item('ItemClosed', { itemId, outcome, ...note, closedAt: at }, at);
  }
}

/** What the directive overview's view reads, from a replay's documents: the directive's and its items' progress. */
export function overviewDocs(docs: ReadonlyMap<string, unknown>, directiveId = DIRECTIVE_ID): DirectiveOverviewDocs {
  const directive = docs.get(directiveKey(directiveId)) as DirectiveOverviewDoc;
  const progress = Object.keys(directive.items).flatMap((itemId) => (docs.get(overviewProgressKey(itemId)) as OverviewProgressDoc | undefined) ?? []);
  return { directive, progress };
}

/**
 * `<type> <key>` for each document an event changed (gave to `set` or `delete`: projections change
 * documents in place) that `keysOf` did not name. `keysOf` is a loading hint: only documents
 * reached through an index (item-wide fan-out) should be listed.
 */
export function undeclaredKeys(projection: Projection, history: readonly RecordedEvent[]): string[] {
  const store = new InMemoryDocumentStore();
  const written = new Set<string>();
  const recording: DocumentStore = {
    get: (key) => store.get(key),
    set: (key, doc) => (written.add(key), store.set(key, doc)),
    delete: (key) => (written.add(key), store.delete(key)),
  };
  const undeclared: string[] = [];
  for (const event of history) {
    if (!projection.eventTypes.has(event.type)) continue;
    written.clear();
    projection.apply(event, recording);
    const declared = new Set(projection.keysOf(event));
    for (const key of written) if (!declared.has(key)) undeclared.push(`${event.type} ${key}`);
  }
  return undeclared;
}
