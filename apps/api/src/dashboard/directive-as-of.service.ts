import { Inject, Injectable } from '@nestjs/common';
import { AsOfInFutureError, DiffIntervalError, diffOverviews, DirectiveReplayer, escalationsOf, overviewAt, type AsOf, type DirectiveReplay } from '#audit';
import { DirectiveNotFoundError } from '#directives';
import { CLOCK, type Clock } from '#platform';
import { MetricsService } from '#runtime';

/**
 * The directive overview as of an instant, and the changes between two instants: the log replayed
 * with the read models' own projections (from the nearest checkpoint), the views computed with
 * now = the instant. Instants later than the engine's now are refused: a status then would be
 * a forecast, not a record.
 */
@Injectable()
export class DirectiveAsOfService {
  constructor(
    private readonly replayer: DirectiveReplayer,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  async overview(directiveId: string, asOf: AsOf) {
    this.notLater('asOf', asOf.at);
    const replay = await this.replay(directiveId, asOf);
    return { ...this.overviewOf(replay), knowledge: asOf.knowledge };
  }

  async diff(directiveId: string, from: AsOf, to: AsOf) {
    this.notLater('from', from.at);
    this.notLater('to', to.at);
    if (from.at >= to.at) throw new DiffIntervalError(from.at, to.at);
    const before = await this.replay(directiveId, from, 'from');
    const after = await this.replay(directiveId, to, 'to');
    const itemIds = new Set(after.directive.items.map((item) => item.itemId));
    return { ...diffOverviews(this.overviewOf(before), this.overviewOf(after), escalationsOf(after.docs, itemIds)), knowledge: to.knowledge };
  }

  private async replay(directiveId: string, asOf: AsOf, field?: string): Promise<DirectiveReplay> {
    const started = performance.now();
    const replay = await this.replayer.replay(directiveId, asOf, field);
    this.metrics.observeReplay('directive', replay.checkpointFrom ?? 'log', (performance.now() - started) / 1000, replay.applied);
    return replay;
  }

  private overviewOf(replay: DirectiveReplay) {
    const overview = overviewAt(replay.docs, replay.directive.directiveId, replay.asOf.at);
    if (!overview) throw new DirectiveNotFoundError(replay.directive.directiveId);
    return overview;
  }

  private notLater(field: string, at: string): void {
    const now = this.clock.now().toISOString();
    if (at > now) throw new AsOfInFutureError(field, at, now);
  }
}
