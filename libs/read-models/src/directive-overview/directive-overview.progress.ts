/**
 * The latest figures of an item's units (`progress:<itemId>`), as the aggregate's `evolveItem`
 * keeps them in its assignments: a report sets the unit's latest value of each metric it gives;
 * a correction replaces a value only when that value is older or comes from the chain it
 * corrects. An assignment starts with no figures; reports of units not assigned are ignored.
 */
import type { RecordedEvent } from '#event-store';
import type { ItemEvent, MetricValues, ProgressReportCorrected } from '#directives';
import { hasSeen, type DocumentStore } from '../engine/index.js';
import { markSeenInPlace, updateDocument, type Mutable } from './update-document.js';
import { overviewProgressKey, type LatestValue, type OverviewProgressDoc } from './directive-overview.document.js';

type ProgressDoc = Mutable<OverviewProgressDoc>;

/** The item is issued: no unit and no figure yet (an issue replaces what came before, as it does the item). */
export function progressIssued(docs: DocumentStore, itemId: string, event: RecordedEvent): void {
  const init = (): ProgressDoc => ({ itemId, units: {}, corrections: {}, seen: {} });
  updateDocument(docs, overviewProgressKey(itemId), event, init, (doc) => {
    doc.units = {};
    doc.corrections = {};
  });
}

/** `UnitAssigned`, `ProgressReported` or `ProgressReportCorrected` of an issued item; others change nothing here. */
export function evolveProgress(docs: DocumentStore, event: ItemEvent, recorded: RecordedEvent): void {
  const key = overviewProgressKey(event.data.itemId);
  const doc = docs.get<ProgressDoc>(key);
  if (!doc || hasSeen(doc, recorded)) return;
  if (event.type === 'UnitAssigned') doc.units[event.data.unitId] = {};
  else if (event.type === 'ProgressReported') merge(doc.units[event.data.unitId], event.data.metrics, event.data.asOf, event.data.reportId, () => true);
  else if (event.type === 'ProgressReportCorrected') corrected(doc, event.data);
  else return;
  markSeenInPlace(doc, recorded);
  docs.set(key, doc);
}

function corrected(doc: ProgressDoc, d: ProgressReportCorrected['data']): void {
  const root = rootReport(doc.corrections, d.correctsReportId);
  const applies = (prev: LatestValue | undefined) => !prev || prev.asOf < d.asOf || rootReport(doc.corrections, prev.reportId) === root;
  merge(doc.units[d.unitId], d.metrics, d.asOf, d.reportId, applies);
  doc.corrections[d.reportId] = d.correctsReportId;
}

/** The report a chain of corrections started from. */
export function rootReport(corrections: Readonly<Record<string, string>>, reportId: string): string {
  let id = reportId;
  for (let next = corrections[id]; next !== undefined; next = corrections[id]) id = next;
  return id;
}

/** Sets, in place, each metric of `values` whose current value `applies` allows replacing; an unknown unit (`undefined`) is ignored. */
function merge(
  current: Mutable<Record<string, LatestValue>> | undefined,
  values: MetricValues,
  asOf: string,
  reportId: string,
  applies: (previous: LatestValue | undefined) => boolean,
): void {
  if (!current) return;
  for (const [metric, value] of Object.entries(values)) if (applies(current[metric])) current[metric] = { value, asOf, reportId };
}
