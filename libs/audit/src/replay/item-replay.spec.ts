import { describe, expect, it } from '@jest/globals';
import { itemView, type Actor, type IssuedItemState } from '#directives';
import { isLaterFigureAbout, type ItemPoint } from './as-of.js';
import { replayItem } from './item-replay.js';
import { campaign, ITEM_1, vn } from './replay.fixtures.js';

const MONITOR: Actor = { subject: 'monitor', role: 'monitor' };
const itemEvents = () => campaign().events.filter((e) => e.streamId === `item-${ITEM_1}`);
const MAY_15 = vn('2021-05-15T18:00:00');

function viewAt(point: ItemPoint, viewer: Actor = MONITOR) {
  const replay = replayItem(itemEvents(), point);
  return itemView(replay.state as IssuedItemState, replay.revision, replay.asAt, viewer);
}

const reached = (point: ItemPoint) => viewAt(point).targetProgress[0]!.reached;
const metricsOf = (point: ItemPoint, unitId: string) => (viewAt(point).assignments.find((a) => a.unitId === unitId) as unknown as { metrics: Record<string, { value: number }> }).metrics;

describe('An item replayed as of an instant', () => {
  it('folds the events recorded at or before the instant and no later one', () => {
    const replay = replayItem(itemEvents(), { at: MAY_15, knowledge: 'recorded' });
    const events = itemEvents();
    expect(replay.revision).toBe(events.filter((e) => e.metadata.recordedAt <= MAY_15).length - 1);
    expect(metricsOf({ at: MAY_15, knowledge: 'recorded' }, 'rach-gia')['cards_issued']!.value).toBe(230_000);
    expect(reached({ at: MAY_15, knowledge: 'recorded' })).toBe(234_000);
  });

  it('computes statuses at the instant asked, not now', () => {
    expect(viewAt({ at: MAY_15, knowledge: 'recorded' })).toMatchObject({ status: 'in_progress_on_time', asAt: MAY_15 });
    const july = vn('2021-07-02T10:00:00');
    expect(viewAt({ at: july, knowledge: 'recorded' }).status).toBe('in_progress_overdue');
  });

  it('includes an event recorded exactly at the instant', () => {
    const at = vn('2021-05-14T17:00:00');
    expect(metricsOf({ at, knowledge: 'recorded' }, 'rach-gia')['cards_issued']!.value).toBe(230_000);
    expect(metricsOf({ at: vn('2021-05-14T16:59:59.999'), knowledge: 'recorded' }, 'rach-gia')['cards_issued']!.value).toBe(100_000);
  });

  it('before the issue is not issued', () => {
    expect(replayItem(itemEvents(), { at: vn('2021-04-14T08:59:59'), knowledge: 'recorded' }).state.status).toBe('unissued');
  });
});

describe('Corrections are not rewrites: the two kinds of knowledge about 15 May', () => {
  it('knowledge=recorded shows the figures as they were known then: the 14 May report before its correction', () => {
    expect(metricsOf({ at: MAY_15, knowledge: 'recorded' }, 'rach-gia')['cards_issued']).toMatchObject({ value: 230_000, reportId: 'rg-02' });
    expect(metricsOf({ at: MAY_15, knowledge: 'recorded' }, 'kien-hai')['cards_issued']).toMatchObject({ value: 4_000 });
  });

  it('knowledge=current applies the correction recorded on 20 May and the late report dated 15 May', () => {
    const replay = replayItem(itemEvents(), { at: MAY_15, knowledge: 'current' });
    expect(replay.laterFigures).toBe(2);
    expect(metricsOf({ at: MAY_15, knowledge: 'current' }, 'rach-gia')['cards_issued']).toMatchObject({ value: 220_000, reportId: 'rg-02-c' });
    expect(metricsOf({ at: MAY_15, knowledge: 'current' }, 'kien-hai')['cards_issued']).toMatchObject({ value: 9_000, asOf: '2021-05-15' });
    expect(reached({ at: MAY_15, knowledge: 'current' })).toBe(229_000);
  });

  it('knowledge=current leaves out figures dated after the day asked, and every other later fact', () => {
    const view = viewAt({ at: MAY_15, knowledge: 'current' });
    expect(JSON.stringify(view)).not.toContain('rg-03');
    expect(view.assignments.find((a) => a.unitId === 'kien-hai')!.deadline.date).toBe('2021-06-30');
    expect(view.extensionRequests).toEqual([]);
  });

  it('takes figures by their date in +07: a report dated 15 May counts from 17:00Z on 14 May, not before', () => {
    const late = itemEvents().find((e) => (e.data as { reportId?: string }).reportId === 'kh-02')!;
    expect(isLaterFigureAbout(late, '2021-05-14T17:00:00.000Z')).toBe(true);
    expect(isLaterFigureAbout(late, '2021-05-14T16:59:59.999Z')).toBe(false);
  });

  it('both kinds agree once nothing was recorded later about the day', () => {
    const june10 = vn('2021-06-10T12:00:00');
    expect(viewAt({ at: june10, knowledge: 'current' })).toEqual(viewAt({ at: june10, knowledge: 'recorded' }));
  });
});

describe('An item replayed as of a revision', () => {
  it('folds every event up to the revision, with statuses at the time it was recorded', () => {
    const events = itemEvents();
    const replay = replayItem(events, { revision: 4 });
    expect(replay.revision).toBe(4);
    expect(replay.asAt).toBe(events[4]!.metadata.recordedAt);
    expect(viewAt({ revision: 0 })).toMatchObject({ revision: 0, assignments: [], lifecycle: 'open' });
  });

  it('gives the same state as the instant the revision was recorded at', () => {
    const events = itemEvents();
    const at = events[7]!.metadata.recordedAt;
    expect(viewAt({ revision: 7 })).toEqual(viewAt({ at, knowledge: 'recorded' }));
  });
});
