/**
 * The monitors' read models: what the dashboards and the units' inboxes are built from (the
 * monitors look at read models, never at aggregates). Each is a `Projection` of the global log
 * plus pure view functions that compute, at the `now` asked, whatever depends on time.
 *
 * | model | documents | views |
 * |---|---|---|
 * | `directive-overview` | `directive:<id>`, `progress:<itemId>`, `index:item:<itemId>` | `directiveOverviewView` |
 * | `unit-scoreboard` | `unit:<id>`, `last-report:<id>` (list by these prefixes), `index:item:<itemId>` | `unitScoreboardView`, `unitScoreView` (input: `unitScoreDocs`) |
 * | `target-progress` | `item:<itemId>`, `series:<itemId>\|<unitId>:<period>` (the item's bucket, listed by prefix `series:<itemId>\|`) | `targetProgressView`, `atRiskByItem` |
 * | `escalations` | `escalation:<itemId>:<escalationId>` (list by prefix `escalation:`), `index:item:<itemId>` | `escalationsView` |
 * | `unit-inbox` | `inbox:<unitId>`, `index:item:<itemId>` | `unitInboxView` |
 *
 * The API combines two models for the directive overview: `directiveOverviewView({ directive,
 * progress }, now, atRiskByItem([{ item, series }, …], now))`. `index:item:*` documents are each
 * model's own. Each event changes few, small documents (the projections change the documents of
 * a pass in place): the work per event does not grow with the number of units, items or days.
 */
import type { Projection } from './engine/index.js';
import { directiveOverviewProjection } from './directive-overview/directive-overview.projection.js';
import { escalationsProjection } from './escalations/escalations.projection.js';
import { targetProgressProjection } from './target-progress/target-progress.projection.js';
import { unitInboxProjection } from './unit-inbox/unit-inbox.projection.js';
import { unitScoreboardProjection } from './unit-scoreboard/unit-scoreboard.projection.js';

export const PROJECTIONS: Projection[] = [
  directiveOverviewProjection,
  unitScoreboardProjection,
  targetProgressProjection,
  escalationsProjection,
  unitInboxProjection,
];

export { directiveOverviewProjection, escalationsProjection, targetProgressProjection, unitInboxProjection, unitScoreboardProjection };

export * from './directive-overview/status-cells.js';
export * from './directive-overview/directive-overview.document.js';
export * from './directive-overview/directive-overview.view.js';
export * from './unit-scoreboard/unit-scoreboard.document.js';
export * from './unit-scoreboard/unit-scoreboard.view.js';
export * from './target-progress/target-progress.document.js';
export * from './target-progress/target-progress.forecast.js';
export * from './target-progress/target-progress.view.js';
export * from './escalations/escalations.document.js';
export * from './escalations/escalations.view.js';
export * from './unit-inbox/unit-inbox.document.js';
export * from './unit-inbox/unit-inbox.summaries.js';
export * from './unit-inbox/unit-inbox.view.js';
