import { randomUUID } from 'node:crypto';
import { dueAt } from '#directives';
import type { EventMetadata, EventStore, EventToAppend } from '#event-store';

/**
 * Writes a nation-wide campaign straight into an event store, through the port: `provinces`
 * directives of five items each; item 1 (a target of cards issued) assigned to `unitsPerProvince`
 * commune-level units, which acknowledge and then report cumulative figures daily. The figures
 * are synthetic. Events have exactly the shapes the engine records, so every projection reads them.
 */
export interface CampaignShape {
  readonly provinces: number;
  readonly unitsPerProvince: number;
  readonly days: number;
}

/** The shape that gives about `events` events. */
/** The id of a directive of the campaign (provinces numbered from 1). */
export const campaignDirectiveId = (province: number): string => `bench-p${province}-2021`;

export function shapeFor(events: number): CampaignShape {
  const provinces = 63;
  const days = 100;
  return { provinces, days, unitsPerProvince: Math.max(1, Math.round(events / (provinces * days))) };
}

const START = Date.parse('2021-04-14T02:00:00.000Z');
const DAY = 86_400_000;

const meta = (subject: string, role: EventMetadata['actor']['role'], at: number, unitId?: string): EventMetadata => ({
  actor: { subject, role, ...(unitId ? { unitId } : {}) },
  correlationId: randomUUID(),
  recordedAt: new Date(at).toISOString(),
});

const event = (type: string, data: unknown, metadata: EventMetadata): EventToAppend => ({ eventId: randomUUID(), type, data, metadata });

export async function writeCampaign(store: EventStore, shape: CampaignShape, progress: (written: number) => void): Promise<number> {
  let written = 0;
  const append = async (stream: string, events: EventToAppend[]) => {
    await store.append(stream, events, { expectedRevision: 'any' });
    written += events.length;
    progress(written);
  };
  const provinces = Array.from({ length: shape.provinces }, (_, p) => ({ directiveId: campaignDirectiveId(p + 1), units: Array.from({ length: shape.unitsPerProvince }, (_, u) => `bench-p${p + 1}-u${u + 1}`) }));
  await append('catalogue-units', provinces.flatMap((p) => p.units.map((unitId) => event('UnitRegistered', { unitId, name: `Xã ${unitId}`, kind: 'other', tags: [], registeredAt: new Date(START).toISOString() }, meta('bench', 'secretariat', START)))));
  await Promise.all(provinces.map((p) => issue(append, p.directiveId, p.units)));
  for (let day = 1; day <= shape.days; day++) {
    const at = START + day * DAY;
    const asOf = new Date(at + 7 * 3600_000).toISOString().slice(0, 10);
    await Promise.all(provinces.map((p) => append(`item-${p.directiveId}.1`, p.units.map((unitId, u) => report(p.directiveId, unitId, asOf, day * (10 + (u % 7)), at)))));
  }
  return written;
}

async function issue(append: (stream: string, events: EventToAppend[]) => Promise<void>, directiveId: string, units: string[]): Promise<void> {
  const at = START;
  const deadline = { date: '2021-06-30', dueAt: dueAt('2021-06-30') };
  const items = [1, 2, 3, 4, 5].map((number) => ({ itemId: `${directiveId}.${number}`, number, title: `Nhiệm vụ ${number}`, text: '…', duties: [], targets: number === 1 ? [{ metric: 'cards_issued', value: units.length * 1500 }] : [], deadline: '2021-06-30', focusAreas: [] }));
  const header = { issuer: 'Tỉnh ủy (benchmark)', number: `${directiveId}-CV/TU`, issuedOn: '2021-04-14', subject: 'Cấp CCCD', signer: { name: 'Bench', title: 'Bench' }, addressees: [], legalBasis: [] };
  await append('registry-directives', [event('DirectiveRegistered', { directiveId, header, items, registeredAt: new Date(at).toISOString() }, meta('bench', 'secretariat', at))]);
  for (const item of items) {
    const issued = event('ItemIssued', { ...item, directiveId, deadline, issuedAt: new Date(at).toISOString() }, meta('bench', 'secretariat', at));
    const assigned = item.number === 1 ? units.map((unitId) => event('UnitAssigned', { itemId: item.itemId, unitId, role: 'lead', deadline, assignedAt: new Date(at).toISOString() }, meta('bench', 'secretariat', at))) : [];
    const acknowledged = assigned.map((a) => {
      const unitId = (a.data as { unitId: string }).unitId;
      return event('AssignmentAcknowledged', { itemId: item.itemId, unitId, acknowledgedAt: new Date(at + 3600_000).toISOString() }, meta(unitId, 'unit', at + 3600_000, unitId));
    });
    await append(`item-${item.itemId}`, [issued, ...assigned, ...acknowledged]);
  }
}

function report(directiveId: string, unitId: string, asOf: string, cards: number, at: number): EventToAppend {
  const itemId = `${directiveId}.1`;
  const data = { itemId, unitId, reportId: randomUUID(), asOf, metrics: { cards_issued: cards }, narrative: 'Báo cáo ngày', reportedAt: new Date(at).toISOString() };
  return event('ProgressReported', data, meta(unitId, 'unit', at, unitId));
}
