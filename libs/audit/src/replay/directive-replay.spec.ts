import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import {
  atRiskByItem,
  directiveKey,
  directiveOverviewView,
  InMemoryDocumentStore,
  overviewProgressKey,
  targetItemKey,
  targetSeriesPrefix,
  type DirectiveOverviewDoc,
  type OverviewProgressDoc,
  type TargetItemDoc,
  type TargetSeriesDoc,
} from '#read-models';
import { diffOverviews } from './directive-diff.js';
import { copyDocument, DirectiveDocs } from './directive-docs.js';
import { CheckpointHistory } from './checkpoint-history.js';
import { DIRECTIVE_REPLAY_PROJECTIONS, escalationsOf, overviewAt } from './directive-overview-at.js';
import { replayDirectiveEvents } from './directive-replay.js';
import { campaign, DIRECTIVE_ID, ITEM_1, ITEM_3, vn } from './replay.fixtures.js';

const [OVERVIEW, TARGETS] = DIRECTIVE_REPLAY_PROJECTIONS;
const MAY_15 = vn('2021-05-15T18:00:00');
const JUNE_5 = vn('2021-06-05T12:00:00');
const JULY_2 = vn('2021-07-02T12:00:00');

/** What the live read models held at `at` (every event recorded by then, applied in global order) and what the dashboard made of it. */
function liveOverviewAt(log: readonly RecordedEvent[], at: string) {
  const store = (projection: typeof OVERVIEW) => {
    const docs = new InMemoryDocumentStore();
    for (const event of log) if (event.metadata.recordedAt <= at && projection!.eventTypes.has(event.type)) projection!.apply(event, docs);
    return docs.docs;
  };
  const overview = store(OVERVIEW);
  const targets = store(TARGETS);
  const directive = overview.get(directiveKey(DIRECTIVE_ID)) as DirectiveOverviewDoc;
  const ids = Object.keys(directive.items);
  const progress = ids.map((id) => overview.get(overviewProgressKey(id)) as OverviewProgressDoc | undefined).filter((d) => d !== undefined);
  const items = ids.map((id) => targets.get(targetItemKey(id)) as TargetItemDoc | undefined).filter((d) => d !== undefined);
  const withSeries = items.map((item) => ({ item, series: [...targets].filter(([k]) => k.startsWith(targetSeriesPrefix(item.itemId))).map(([, d]) => d as TargetSeriesDoc) }));
  return directiveOverviewView({ directive, progress }, at, atRiskByItem(withSeries, at));
}

const overviewOf = (at: string, knowledge: 'recorded' | 'current' = 'recorded') =>
  overviewAt(replayDirectiveEvents(campaign().events, DIRECTIVE_ID, { at, knowledge })!, DIRECTIVE_ID, at)!;

const reachedOn = (at: string, knowledge: 'recorded' | 'current') => overviewOf(at, knowledge).items.find((i) => i.itemId === ITEM_1)!.progress[0]!.reached;

describe('A directive overview replayed as of an instant', () => {
  it.each([vn('2021-04-20T12:00:00'), MAY_15, JUNE_5, JULY_2])('equals what the live read models showed at %s', (at) => {
    expect(overviewOf(at)).toEqual(liveOverviewAt(campaign().events, at));
  });

  it('gives the same documents whatever the interleaving of the directive’s streams', () => {
    const log = campaign().events;
    const byTime = [...log].sort((a, b) => a.metadata.recordedAt.localeCompare(b.metadata.recordedAt));
    const byStream = [...log].sort((a, b) => b.streamId.localeCompare(a.streamId) || a.revision - b.revision);
    const at = { at: JULY_2, knowledge: 'recorded' as const };
    expect(replayDirectiveEvents(byTime, DIRECTIVE_ID, at)!.plain()).toEqual(replayDirectiveEvents(log, DIRECTIVE_ID, at)!.plain());
    expect(replayDirectiveEvents(byStream, DIRECTIVE_ID, at)!.plain()).toEqual(replayDirectiveEvents(log, DIRECTIVE_ID, at)!.plain());
  });

  it('does not exist before its registration', () => {
    expect(replayDirectiveEvents(campaign().events, DIRECTIVE_ID, { at: vn('2021-04-14T08:59:59'), knowledge: 'recorded' })).toBeUndefined();
  });

  it('knowledge=recorded shows the 15 May progress as seen then; knowledge=current with the correction and the late report', () => {
    expect(reachedOn(MAY_15, 'recorded')).toBe(230_000 + 4_000);
    expect(reachedOn(MAY_15, 'current')).toBe(220_000 + 9_000);
    expect(reachedOn(JUNE_5, 'current')).toBe(reachedOn(JUNE_5, 'recorded'));
  });

  it('is rebuilt exactly from a chain of deltas as of each checkpoint, and replays over one without changing it', () => {
    const events = campaign().events;
    const docs = new DirectiveDocs(DIRECTIVE_REPLAY_PROJECTIONS);
    const deltas: string[] = [];
    const states: ReturnType<DirectiveDocs['plain']>[] = [];
    events.forEach((event, i) => {
      docs.apply(event);
      if (i % 4 === 3 || i === events.length - 1) {
        deltas.push(docs.takeDelta());
        states.push(structuredClone(docs.plain()));
      }
    });
    expect(JSON.parse(deltas[deltas.length - 1]!)).toEqual({ 'directive-overview': expect.any(Array), 'target-progress': expect.any(Array), escalations: expect.any(Array) });
    const history = new CheckpointHistory(DIRECTIVE_REPLAY_PROJECTIONS.map((p) => p.name));
    deltas.forEach((delta, seq) => history.add(seq, `c${seq}`, delta));
    expect(states.map((_, seq) => DirectiveDocs.over(history, seq, DIRECTIVE_REPLAY_PROJECTIONS).plain())).toEqual(states);
    // From the checkpoint after event 7, the rest of the log: the same documents as the replay of the whole log, the history untouched.
    const over = DirectiveDocs.over(history, 1, DIRECTIVE_REPLAY_PROJECTIONS);
    events.slice(8).forEach((event) => over.apply(event));
    expect(over.plain()).toEqual(docs.plain());
    expect(DirectiveDocs.over(history, 1, DIRECTIVE_REPLAY_PROJECTIONS).plain()).toEqual(states[1]);
    expect(history.holds(1, 'c1')).toBe(true);
    expect(() => history.add(1, 'again', deltas[1]!)).toThrow('Checkpoint 1 added after');
  });
});

describe('The diff of a directive between two instants', () => {
  const diff = (from: string, to: string) => {
    const docs = replayDirectiveEvents(campaign().events, DIRECTIVE_ID, { at: to, knowledge: 'recorded' })!;
    return diffOverviews(overviewOf(from), overviewAt(docs, DIRECTIVE_ID, to)!, escalationsOf(docs, new Set([ITEM_1, ITEM_3])));
  };

  it('lists per item the progress per target, the deadlines extended and the escalations opened and resolved in between', () => {
    const changes = diff(MAY_15, JUNE_5);
    expect(changes).toMatchObject({ directiveId: DIRECTIVE_ID, from: MAY_15, to: JUNE_5 });
    const item1 = changes.items.find((i) => i.itemId === ITEM_1)!;
    expect(item1.progress).toEqual([expect.objectContaining({ metric: 'cards_issued', reached: { from: 234_000, to: 409_000 } })]);
    expect(item1.units).toContainEqual(expect.objectContaining({ unitId: 'kien-hai', deadline: { from: expect.objectContaining({ date: '2021-06-30' }), to: expect.objectContaining({ date: '2021-07-31' }) } }));
    expect(item1.escalationsOpened).toEqual([expect.objectContaining({ escalationId: 'esc-1', unitId: 'kien-hai', resolvedAt: vn('2021-06-04T09:00:00') })]);
    expect(item1.escalationsResolved).toEqual([expect.objectContaining({ escalationId: 'esc-1' })]);
    expect(item1.status).toBeUndefined();
  });

  it('shows a status cell that changed, and leaves out items where nothing changed', () => {
    const changes = diff(JUNE_5, JULY_2);
    const item1 = changes.items.find((i) => i.itemId === ITEM_1)!;
    expect(item1.status).toEqual({ from: 'in_progress_on_time', to: 'in_progress_overdue' });
    expect(item1.units).toContainEqual({ unitId: 'rach-gia', status: { from: 'in_progress_on_time', to: 'in_progress_overdue' } });
    expect(item1.escalationsOpened).toBeUndefined();
    expect(changes.counts.to.in_progress_overdue).toBe(changes.counts.from.in_progress_overdue + 2);
    expect(diff(JUNE_5, vn('2021-06-05T13:00:00')).items).toEqual([]);
  });
});

describe('copyDocument', () => {
  it('copies JSON data deeply: the copy equals the document and shares no object or array with it', () => {
    const doc = JSON.parse('{"unitId":"rach-gia","days":{"2021-05-08":[{"reportId":"r1","metrics":{"cards_issued":1.5},"correctedBy":["c1"]}]},"none":null,"ok":true,"__proto__":{"kept":1}}') as Record<string, unknown>;
    const copy = copyDocument(doc);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(doc));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['unitId', 'days', 'none', 'ok', '__proto__']);
    const days = (d: Record<string, unknown>) => (d['days'] as Record<string, { metrics: Record<string, number>; correctedBy: string[] }[]>)['2021-05-08']!;
    days(copy)[0]!.metrics['cards_issued'] = 2;
    days(copy)[0]!.correctedBy.push('c2');
    expect(days(doc)[0]).toEqual({ reportId: 'r1', metrics: { cards_issued: 1.5 }, correctedBy: ['c1'] });
  });
});
