import type { RecordedEvent } from '#event-store';
import type { ItemEvent, ItemIssued, ProgressReportCorrected, ProgressReported } from '#directives';
import { hasSeen, type DocumentStore, type Projection } from '../engine/index.js';
import { markSeenInPlace, own, type Mutable } from '../directive-overview/update-document.js';
import { seriesPeriod, targetItemKey, targetSeriesKey, TARGETS_NAME, type TargetItemDoc, type TargetSeriesDoc } from './target-progress.document.js';

const EVENT_TYPES = ['ItemIssued', 'UnitAssigned', 'ProgressReported', 'ProgressReportCorrected', 'ItemCompleted', 'ItemClosed'] as const;
const SERIES_EVENTS = new Set(['ProgressReported', 'ProgressReportCorrected']);

type ItemDoc = Mutable<TargetItemDoc>;
type SeriesDoc = Mutable<TargetSeriesDoc>;

/**
 * `target-progress`: per item (`item:<itemId>`) its targets, lifecycle and assigned units, lead
 * and cooperating (cooperating units' figures are kept, and shown apart by the view); per unit
 * and ten days of report dates (`series:<itemId>|<unitId>:<period>`, in the item's bucket) the
 * reports of each day. A correction replaces the figures of the report its chain started from, in
 * that report's day (the decider gives a correction its report's date); a metric the correction
 * does not name keeps its value.
 * Events of an item never issued are ignored, and so are reports of units not assigned.
 *
 * Every event of an item comes from the item's stream and goes through the item's document
 * first: its `seen` is the one idempotency guard of the item's documents. Each event changes the
 * item's document (at least its `seen`) and at most one period's series of one unit: the work per
 * event does not grow with the number of units, and with the days only up to a period's.
 */
export const targetProgressProjection: Projection = {
  name: TARGETS_NAME,
  version: 6,
  eventTypes: new Set<string>(EVENT_TYPES),
  keysOf(event) {
    const { itemId, unitId, asOf } = event.data as { itemId: string; unitId?: string; asOf?: string };
    const item = targetItemKey(itemId);
    return SERIES_EVENTS.has(event.type) ? [item, targetSeriesKey(itemId, unitId!, asOf!)] : [item];
  },
  apply(event, docs) {
    const item = event as unknown as ItemEvent;
    const key = targetItemKey(item.data.itemId);
    const current = docs.get<ItemDoc>(key);
    if (hasSeen(current, event)) return;
    const doc = item.type === 'ItemIssued' ? issued(item.data, current) : current;
    if (!doc) return;
    evolve(doc, item, docs);
    markSeenInPlace(doc, event as RecordedEvent);
    docs.set(key, doc);
  },
};

function issued(d: ItemIssued['data'], previous: ItemDoc | undefined): ItemDoc {
  const { itemId, directiveId, number, title, deadline, targets } = d;
  return { itemId, directiveId, number, title, deadline, targets, lifecycle: 'open', units: {}, seen: previous?.seen ?? {} };
}

/** Changes the item's documents in place. */
function evolve(doc: ItemDoc, event: ItemEvent, docs: DocumentStore): void {
  switch (event.type) {
    case 'UnitAssigned':
      doc.units[event.data.unitId] = event.data.role;
      return;
    case 'ProgressReported':
      return reported(doc, event.data, docs);
    case 'ProgressReportCorrected':
      return corrected(doc, event.data, docs);
    case 'ItemCompleted':
      doc.lifecycle = 'completed';
      return;
    case 'ItemClosed':
      doc.lifecycle = 'closed';
      doc.outcome = event.data.outcome;
      return;
    default:
      return;
  }
}

function reported(doc: ItemDoc, d: ProgressReported['data'], docs: DocumentStore): void {
  const { itemId, unitId, reportId, asOf, metrics } = d;
  if (!doc.units[unitId]) return;
  const key = targetSeriesKey(itemId, unitId, asOf);
  const series = docs.get<SeriesDoc>(key) ?? { unitId, period: seriesPeriod(asOf), days: {} };
  const day = series.days[asOf];
  if (day) own(day).push({ reportId, metrics });
  else series.days[asOf] = [{ reportId, metrics }];
  docs.set(key, series);
}

function corrected(doc: ItemDoc, d: ProgressReportCorrected['data'], docs: DocumentStore): void {
  if (!doc.units[d.unitId]) return;
  const key = targetSeriesKey(d.itemId, d.unitId, d.asOf);
  const series = docs.get<SeriesDoc>(key);
  // The report the chain started from: the one corrected, or the one whose corrections include it.
  const root = series?.days[d.asOf]?.find((r) => r.reportId === d.correctsReportId || r.correctedBy?.includes(d.correctsReportId));
  if (!series || !root) return;
  root.metrics = { ...root.metrics, ...d.metrics };
  root.correctedBy = [...(root.correctedBy ?? []), d.reportId];
  docs.set(key, series);
}
