import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AsOfInFutureError, isRevisionPoint, ItemReplayer, type ItemPoint } from '#audit';
import { itemView, type Actor, type IssuedItemState } from '#directives';
import { CLOCK, type Clock } from '#platform';
import { MetricsService } from '#runtime';

/** The item exactly as it stood at an instant or a revision, as the viewer may see it. */
export class GetItemAsOfQuery {
  constructor(
    readonly itemId: string,
    readonly point: ItemPoint,
    readonly viewer: Actor,
  ) {}
}

/**
 * Folds the item's events up to the point with the real `evolveItem` (from the nearest snapshot)
 * and presents it with the view `GET /items/:itemId` uses, statuses computed at the instant asked
 * and the same visibility for units. An instant later than the engine's now is refused: the
 * statuses would be a forecast, not a record.
 */
@QueryHandler(GetItemAsOfQuery)
export class GetItemAsOfHandler implements IQueryHandler<GetItemAsOfQuery> {
  constructor(
    private readonly replayer: ItemReplayer,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  async execute({ itemId, point, viewer }: GetItemAsOfQuery) {
    const now = this.clock.now().toISOString();
    if (!isRevisionPoint(point) && point.at > now) throw new AsOfInFutureError('asOf', point.at, now);
    const started = performance.now();
    const replay = await this.replayer.replay(itemId, point);
    this.metrics.observeReplay('item', replay.snapshotFrom ?? 'log', (performance.now() - started) / 1000, replay.folded);
    const view = itemView(replay.state as IssuedItemState, replay.revision, replay.asAt, viewer);
    if (isRevisionPoint(point)) return view;
    return point.knowledge === 'current' ? { ...view, knowledge: point.knowledge, laterFigures: replay.laterFigures } : { ...view, knowledge: point.knowledge };
  }
}
