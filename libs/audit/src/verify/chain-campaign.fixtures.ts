import { createItemProcessor, itemStream, type Actor, type CommandContext, type ItemProcessor } from '#directives';
import type { EventStore } from '#event-store';
import type { ManualClock } from '#platform';

export const ITEM_1 = '126-cv-tu-2021.1';
export const ITEM_2 = '126-cv-tu-2021.2';
export const STREAM_1 = itemStream(ITEM_1);
export const STREAM_2 = itemStream(ITEM_2);

const secretariat: Actor = { subject: 'vp-tinh-uy', role: 'secretariat', name: 'Văn phòng Tỉnh ủy' };
const unit = (unitId: string): Actor => ({ subject: `${unitId}.van-thu`, role: 'unit', unitId });
const ctx = (actor: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor, correlationId: `corr-${actor.subject}`, ...extra });

const report = (itemId: string, n: number, cards: number) => ({
  type: 'ReportProgress' as const,
  itemId,
  data: { reportId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, asOf: '2021-05-01', metrics: { cards_issued: cards }, narrative: `Báo cáo số ${n}` },
});

/**
 * A little of 126-CV/TU recorded through the engine's own command path: two items issued, each
 * assigned to two lead units (one command, two events), acknowledged, and reported on, the
 * reports of an item arriving together (one batch, one append). Revisions per item: 0 issued,
 * 1–2 assigned, 3–4 acknowledged, 5–7 reports (one under an idempotency key).
 */
export async function recordCampaign(store: EventStore, clock: ManualClock): Promise<ItemProcessor> {
  const items = createItemProcessor(store, clock, {});
  for (const [n, itemId] of [ITEM_1, ITEM_2].entries()) {
    const stream = itemStream(itemId);
    clock.set('2021-04-14T02:00:00.000Z');
    const data = { directiveId: '126-cv-tu-2021', number: n + 1, title: `Nhiệm vụ ${n + 1}`, text: '…', duties: [], targets: [{ metric: 'cards_issued', value: 1_171_200 }], deadline: '2021-06-30' };
    await items.execute(stream, { type: 'IssueItem', itemId, data }, ctx(secretariat));
    const assignees = [{ unitId: 'rach-gia', role: 'lead' }, { unitId: 'kien-hai', role: 'lead' }];
    await items.execute(stream, { type: 'AssignUnits', itemId, data: { assignees } } as never, ctx(secretariat));
    clock.set('2021-04-16T01:00:00.000Z');
    await items.execute(stream, { type: 'AcknowledgeAssignment', itemId, data: {} }, ctx(unit('rach-gia')));
    await items.execute(stream, { type: 'AcknowledgeAssignment', itemId, data: {} }, ctx(unit('kien-hai')));
    clock.set('2021-05-02T01:00:00.000Z');
    const keyed = ctx(unit('rach-gia'), { idempotencyKey: `key-${n}`, requestHash: `sha256:${n}` });
    await Promise.all([
      items.execute(stream, report(itemId, 1, 1_000), ctx(unit('rach-gia'))),
      items.execute(stream, report(itemId, 2, 2_000), ctx(unit('rach-gia'))),
      items.execute(stream, report(itemId, 3, 3_000), keyed),
    ]);
  }
  return items;
}

/** One more report on an item, by another unit (to grow a stream after an anchor). */
export async function reportAgain(items: ItemProcessor, itemId: string, n: number): Promise<void> {
  await items.execute(itemStream(itemId), report(itemId, n, 500 * n), ctx(unit('kien-hai')));
}
