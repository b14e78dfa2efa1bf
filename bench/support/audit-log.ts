import { randomUUID } from 'node:crypto';
import { dueAt } from '#directives';
import type { EventMetadata, EventStore, EventToAppend } from '#event-store';

/**
 * One directive written straight into an event store through the port, with the event shapes the
 * engine records (synthetic figures): five items, item 1 (a target of cards issued) led by
 * `units` units that acknowledge and then report cumulative figures daily for `days` days, from
 * 2021-04-14. With `followUp`, each unit is also reminded weekly and one unit corrects its report
 * of the week before, so the item's append-only indexes (reports, reminders) grow as in a campaign.
 */
export interface DirectiveShape {
  readonly directiveId: string;
  readonly units: number;
  readonly days: number;
  readonly followUp?: boolean;
}

export interface WrittenDirective {
  readonly events: number;
  /** When day `d` of the campaign was recorded (its reports), UTC ISO. */
  readonly dayAt: (day: number) => string;
}

const START = Date.parse('2021-04-14T02:00:00.000Z');
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const vnDay = (t: number) => iso(t + 7 * 3600_000).slice(0, 10);
const DEADLINE = { date: '2021-09-30', dueAt: dueAt('2021-09-30') };

const meta = (at: number, unitId?: string): EventMetadata => ({
  actor: unitId ? { subject: `${unitId}.van-thu`, role: 'unit', unitId } : { subject: 'bench.secretariat', role: 'secretariat' },
  correlationId: randomUUID(),
  recordedAt: iso(at),
});
const event = (type: string, data: unknown, metadata: EventMetadata): EventToAppend => ({ eventId: randomUUID(), type, data, metadata });

export async function writeDirective(store: EventStore, shape: DirectiveShape, tick: (written: number) => void): Promise<WrittenDirective> {
  let written = 0;
  const append = async (stream: string, events: EventToAppend[]) => {
    for (let i = 0; i < events.length; i += 2000) await store.append(stream, events.slice(i, i + 2000), { expectedRevision: 'any' });
    written += events.length;
    tick(written);
  };
  const { directiveId } = shape;
  const itemId = `${directiveId}.1`;
  const units = Array.from({ length: shape.units }, (_, u) => `${directiveId}-u${u + 1}`);
  await issue(append, directiveId, units);
  const latest = new Map<string, { reportId: string; asOf: string; cards: number }>();
  for (let day = 1; day <= shape.days; day++) {
    const at = START + day * DAY;
    const events = units.map((unitId, u) => {
      const report = { reportId: randomUUID(), asOf: vnDay(at), cards: day * (10 + (u % 7)) };
      latest.set(unitId, report);
      return event('ProgressReported', { itemId, unitId, ...report, metrics: { cards_issued: report.cards }, narrative: 'Báo cáo ngày', reportedAt: iso(at) }, meta(at, unitId));
    });
    if (shape.followUp && day % 7 === 0) events.push(...weekly(itemId, units, latest, at + 3600_000));
    await append(`item-${itemId}`, events);
  }
  return { events: written, dayAt: (day) => iso(START + day * DAY) };
}

async function issue(append: (stream: string, events: EventToAppend[]) => Promise<void>, directiveId: string, units: string[]): Promise<void> {
  const items = [1, 2, 3, 4, 5].map((number) => ({ itemId: `${directiveId}.${number}`, number, title: `Nhiệm vụ ${number}`, text: '…', duties: [], targets: number === 1 ? [{ metric: 'cards_issued', value: units.length * 1500 }] : [], deadline: DEADLINE.date, focusAreas: [] }));
  const header = { issuer: 'Tỉnh ủy (benchmark)', number: `${directiveId}-CV/TU`, issuedOn: '2021-04-14', subject: 'Cấp CCCD', signer: { name: 'Bench', title: 'Bench' }, addressees: [], legalBasis: [] };
  await append('registry-directives', [event('DirectiveRegistered', { directiveId, header, items, registeredAt: iso(START) }, meta(START))]);
  for (const item of items) {
    const issued = event('ItemIssued', { ...item, directiveId, deadline: DEADLINE, issuedAt: iso(START) }, meta(START));
    const assigned = item.number === 1 ? units.map((unitId) => event('UnitAssigned', { itemId: item.itemId, unitId, role: 'lead', deadline: DEADLINE, assignedAt: iso(START) }, meta(START))) : [];
    const acknowledged = assigned.map((a) => {
      const unitId = (a.data as { unitId: string }).unitId;
      return event('AssignmentAcknowledged', { itemId: item.itemId, unitId, acknowledgedAt: iso(START + 3600_000) }, meta(START + 3600_000, unitId));
    });
    await append(`item-${item.itemId}`, [issued, ...assigned, ...acknowledged]);
  }
}

/** The weekly report reminder of every unit, and one unit's correction of its latest report. */
function weekly(itemId: string, units: string[], latest: Map<string, { reportId: string; asOf: string; cards: number }>, at: number): EventToAppend[] {
  const reminders = units.map((unitId) => event('ReminderSent', { itemId, unitId, rule: 'weekly-report', dueAt: iso(at), sentAt: iso(at), late: false, channels: ['inbox'] }, meta(at)));
  const unitId = units[(at / DAY) % units.length | 0]!;
  const original = latest.get(unitId)!;
  const correction = { itemId, unitId, reportId: randomUUID(), correctsReportId: original.reportId, asOf: original.asOf, metrics: { cards_issued: original.cards - 1 }, reason: 'Trùng hồ sơ', correctedAt: iso(at) };
  return [...reminders, event('ProgressReportCorrected', correction, meta(at, unitId))];
}
