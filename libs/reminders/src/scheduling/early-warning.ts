import type { Redis } from 'ioredis';
import { vnDate, daysBetween, type ItemState } from '#directives';
import {
  RedisReadModelStorage,
  targetItemKey,
  targetProgressProjection,
  targetProgressView,
  targetSeriesPrefix,
  type TargetItemDoc,
  type TargetSeriesDoc,
} from '#read-models';
import type { Clock } from '#platform';
import { mustActAt, type DirectiveFollowUp, type FollowUpDirectory } from './follow-up-directory.js';
import type { FollowUpHandler } from './follow-up-handler.js';

/** Days of reports a forecast needs before it may warn (the run-rate is taken over a week). */
const MIN_DAYS_OF_HISTORY = 7;

/** Why the forecast warns, or `undefined` when the item is not at risk (or too young to tell). */
export type AtRiskProbe = (itemId: string, now: string) => Promise<string | undefined>;

/**
 * Reads the target read model's forecast of an item as the dashboards show it. It warns only for
 * an open item with a target, a week after issuing and once figures were reported: an item with
 * no report yet has no run-rate, and a forecast from nothing would escalate every new item.
 */
export function targetForecastProbe(redis: Redis, keyPrefix: string): AtRiskProbe {
  const storage = new RedisReadModelStorage(redis, targetProgressProjection.name, keyPrefix);
  return async (itemId, now) => {
    const docs = await storage.read([targetItemKey(itemId)]);
    const item = docs?.get(targetItemKey(itemId)) as TargetItemDoc | undefined;
    if (!item || item.lifecycle !== 'open' || item.targets.length === 0) return undefined;
    const series = ((await storage.list(targetSeriesPrefix(itemId))) ?? []) as TargetSeriesDoc[];
    if (series.length === 0) return undefined;
    const view = targetProgressView({ item, series }, now);
    const missed = view.metrics.filter((m) => m.atRisk);
    if (missed.length === 0) return undefined;
    return missed
      .map((m) => `${m.label ?? m.metric}: ${m.latest} of ${m.target} (${m.percent}%), ${m.runRate}/day over the last week against ${m.requiredDailyRate ?? '—'}/day required; forecast ${m.projectedCompletion ?? 'never'}, deadline ${view.deadline.date}`)
      .join('; ');
  };
}

/**
 * Raises an early-warning escalation (rule `at_risk`) on each open item whose target forecast
 * misses the deadline, where the directive's policy asks for it. The decider records nothing
 * while an earlier warning is unresolved; once resolved, a warning may be raised again the next day.
 */
export class EarlyWarning {
  constructor(
    private readonly directory: FollowUpDirectory,
    private readonly handler: FollowUpHandler,
    private readonly probe: AtRiskProbe,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    let raised = 0;
    for (const directive of await this.directory.directives()) {
      if (!directive.policy.escalation.earlyWarning) continue;
      for (const itemId of directive.itemIds) raised += await this.check(directive, await this.directory.item(itemId));
    }
    return raised;
  }

  private async check(directive: DirectiveFollowUp, state: ItemState): Promise<number> {
    if (state.status !== 'open' || state.targets.length === 0) return 0;
    if (Object.values(state.escalations).some((e) => e.rule === 'at_risk' && !e.resolvedAt)) return 0;
    const now = this.clock.now().toISOString();
    if (daysBetween(vnDate(state.issuedAt), vnDate(now)) < MIN_DAYS_OF_HISTORY) return 0;
    const reason = await this.probe(state.itemId, now);
    if (!reason) return 0;
    const data = { escalationId: `at-risk-${vnDate(now)}`, reason, mustAct: mustActAt(directive, 1) };
    return (await this.handler.raise(state.itemId, { type: 'RaiseEarlyWarning', data })) === 'recorded' ? 1 : 0;
  }
}
