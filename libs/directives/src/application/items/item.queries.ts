import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '#event-store';
import { CLOCK, type Clock } from '#platform';
import { ItemNotFoundError } from '../../domain/item/item.errors.js';
import type { Actor } from '../../domain/shared/actor.js';
import { ITEM_PROCESSOR, type ItemProcessor } from '../processors.js';
import { itemStream } from '../streams.js';
import { eventView, itemView, seesEvent } from './item.view.js';

/** The item as it stands now, as the viewer may see it. */
export class GetItemQuery {
  constructor(
    readonly itemId: string,
    readonly viewer: Actor,
  ) {}
}

@QueryHandler(GetItemQuery)
export class GetItemHandler implements IQueryHandler<GetItemQuery> {
  constructor(
    @Inject(ITEM_PROCESSOR) private readonly items: ItemProcessor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ itemId, viewer }: GetItemQuery) {
    const { state, revision } = await this.items.read(itemStream(itemId));
    if (state.status === 'unissued') throw new ItemNotFoundError(itemId);
    return itemView(state, revision, this.clock.now().toISOString(), viewer);
  }
}

/** One page of an item's history, oldest first, with the full envelope of each event. */
export class GetItemHistoryQuery {
  constructor(
    readonly itemId: string,
    readonly viewer: Actor,
    readonly fromRevision: number,
    readonly limit: number,
  ) {}
}

@QueryHandler(GetItemHistoryQuery)
export class GetItemHistoryHandler implements IQueryHandler<GetItemHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ itemId, viewer, fromRevision, limit }: GetItemHistoryQuery) {
    const page = await this.store.readStream(itemStream(itemId), { fromRevision, maxCount: limit + 1 });
    if (page.length === 0 && (await this.store.readStream(itemStream(itemId), { maxCount: 1 })).length === 0) {
      throw new ItemNotFoundError(itemId);
    }
    const more = page.length > limit;
    const events = page.slice(0, limit);
    return {
      itemId,
      fromRevision,
      events: events.filter((e) => seesEvent(viewer, e)).map(eventView),
      nextRevision: more ? events[events.length - 1]!.revision + 1 : null,
    };
  }
}
