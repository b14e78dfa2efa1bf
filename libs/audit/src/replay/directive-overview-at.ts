import {
  atRiskByItem,
  directiveKey,
  directiveOverviewProjection,
  directiveOverviewView,
  ESCALATION_KEY_PREFIX,
  escalationsProjection,
  overviewProgressKey,
  riskNeedsSeries,
  targetItemKey,
  targetProgressProjection,
  targetSeriesPrefix,
  type DirectiveOverview,
  type DirectiveOverviewDoc,
  type EscalationDoc,
  type OverviewProgressDoc,
  type Projection,
  type TargetItemDoc,
  type TargetSeriesDoc,
} from '#read-models';
import type { DocumentsAt } from './checkpoint-history.js';
import type { DirectiveDocs } from './directive-docs.js';

/**
 * The read models a directive's replay runs: the two the overview combines, and the escalations
 * (every escalation with when it was raised and resolved, for the diff between two dates).
 */
export const DIRECTIVE_REPLAY_PROJECTIONS: readonly Projection[] = [directiveOverviewProjection, targetProgressProjection, escalationsProjection];

/**
 * The directive overview from replayed documents at `now`, combined as the live endpoint
 * (`GET /dashboard/directives/:id`) combines the Redis documents: the overview's directive and
 * progress documents, and the at-risk forecast of the target-progress model, whose series are
 * read only for items that may be at risk. `undefined` when the directive has no document.
 * Keep the two in step: the end-to-end test compares them.
 */
export function overviewAt(docs: DirectiveDocs, directiveId: string, now: string): DirectiveOverview | undefined {
  const overview = docs.of(directiveOverviewProjection.name);
  const targets = docs.of(targetProgressProjection.name);
  const directive = overview.get(directiveKey(directiveId)) as DirectiveOverviewDoc | undefined;
  if (!directive) return undefined;
  const itemIds = Object.keys(directive.items);
  const progress = itemIds.map((id) => overview.get(overviewProgressKey(id)) as OverviewProgressDoc | undefined).filter((d) => d !== undefined);
  const items = itemIds.map((id) => targets.get(targetItemKey(id)) as TargetItemDoc | undefined).filter((d) => d !== undefined);
  const series = seriesOf(targets, items.filter(riskNeedsSeries).map((item) => item.itemId));
  const withSeries = items.map((item) => ({ item, series: series.get(item.itemId) ?? [] }));
  return directiveOverviewView({ directive, progress }, now, atRiskByItem(withSeries, now));
}

/** The escalations of the directive's items, open and resolved, as the escalations model keeps them. */
export function escalationsOf(docs: DirectiveDocs, itemIds: ReadonlySet<string>): EscalationDoc[] {
  const found: EscalationDoc[] = [];
  docs.of(escalationsProjection.name).forEach((doc, key) => {
    if (key.startsWith(ESCALATION_KEY_PREFIX) && itemIds.has((doc as EscalationDoc).itemId)) found.push(doc as EscalationDoc);
  });
  return found;
}

/**
 * Series documents (`series:<itemId>|…`, `targetSeriesPrefix`) of the given items, in one pass
 * over the model's documents (a directive has a handful of items). The prefixes are tested by
 * regular expressions: on a million keys `startsWith` costs three times as much.
 */
function seriesOf(targets: DocumentsAt, itemIds: readonly string[]): Map<string, TargetSeriesDoc[]> {
  const byItem = new Map<string, TargetSeriesDoc[]>(itemIds.map((itemId) => [itemId, []]));
  if (itemIds.length === 0) return byItem;
  const tests = itemIds.map((itemId) => ({ prefix: new RegExp(`^${escapeRegExp(targetSeriesPrefix(itemId))}`), docs: byItem.get(itemId)! }));
  targets.forEach((doc, key) => {
    for (const { prefix, docs } of tests) {
      if (prefix.test(key)) {
        docs.push(doc as TargetSeriesDoc);
        return;
      }
    }
  });
  return byItem;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
