import type { RecordedEvent } from '#event-store';
import type { ItemEvent, ItemIssued, ProgressReportCorrected } from '#directives';
import { hasSeen, markSeen, type Projection } from '../engine/index.js';
import { rootReport } from '../directive-overview/directive-overview.evolve.js';
import { targetItemKey, TARGETS_NAME, type TargetItemDoc, type TargetReportDoc, type TargetUnitDoc } from './target-progress.document.js';

const EVENT_TYPES = ['ItemIssued', 'UnitAssigned', 'ProgressReported', 'ProgressReportCorrected', 'ItemCompleted', 'ItemClosed'] as const;

/**
 * `target-progress`: per item (`item:<itemId>`) the reports of every assigned unit, lead and
 * cooperating (cooperating units' figures are kept, and shown apart by the view). A correction
 * replaces the figures of the report its chain started from, at that report's date; a metric
 * the correction does not name keeps its value. Events of an item never issued are ignored.
 */
export const targetProgressProjection: Projection = {
  name: TARGETS_NAME,
  version: 1,
  eventTypes: new Set<string>(EVENT_TYPES),
  keysOf: (event) => [targetItemKey((event.data as { itemId: string }).itemId)],
  apply(event, docs) {
    const item = event as unknown as ItemEvent;
    const key = targetItemKey(item.data.itemId);
    const doc = docs.get<TargetItemDoc>(key);
    if (hasSeen(doc, event)) return;
    const next = item.type === 'ItemIssued' ? issued(item.data, doc) : doc && evolve(doc, item);
    if (next) docs.set(key, markSeen(next, event as RecordedEvent));
  },
};

function issued(d: ItemIssued['data'], previous: TargetItemDoc | undefined): TargetItemDoc {
  const { itemId, directiveId, number, title, deadline, targets } = d;
  return { itemId, directiveId, number, title, deadline, targets, lifecycle: 'open', units: {}, corrections: {}, seen: previous?.seen ?? {} };
}

function evolve(doc: TargetItemDoc, event: ItemEvent): TargetItemDoc {
  switch (event.type) {
    case 'UnitAssigned': {
      const { unitId, role } = event.data;
      const unit: TargetUnitDoc = { unitId, role, reports: doc.units[unitId]?.reports ?? [] };
      return { ...doc, units: { ...doc.units, [unitId]: unit } };
    }
    case 'ProgressReported': {
      const { unitId, reportId, asOf, reportedAt, metrics } = event.data;
      return withReports(doc, unitId, (reports) => [...reports, { reportId, asOf, reportedAt, metrics }]);
    }
    case 'ProgressReportCorrected':
      return corrected(doc, event.data);
    case 'ItemCompleted':
      return { ...doc, lifecycle: 'completed' };
    case 'ItemClosed':
      return { ...doc, lifecycle: 'closed', outcome: event.data.outcome };
    default:
      return doc;
  }
}

function withReports(doc: TargetItemDoc, unitId: string, change: (reports: readonly TargetReportDoc[]) => TargetReportDoc[]): TargetItemDoc {
  const unit = doc.units[unitId];
  if (!unit) return doc;
  return { ...doc, units: { ...doc.units, [unitId]: { ...unit, reports: change(unit.reports) } } };
}

function corrected(doc: TargetItemDoc, d: ProgressReportCorrected['data']): TargetItemDoc {
  const root = rootReport(doc.corrections, d.correctsReportId);
  const next = withReports(doc, d.unitId, (reports) =>
    reports.map((r) => (r.reportId === root ? { ...r, metrics: { ...r.metrics, ...d.metrics }, correctedBy: [...(r.correctedBy ?? []), d.reportId] } : r)));
  return { ...next, corrections: { ...doc.corrections, [d.reportId]: d.correctsReportId } };
}
