import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import type { DirectiveRegistered } from '../../domain/directive/directive.events.js';
import { ItemAlreadyIssuedError } from '../../domain/item/item.errors.js';
import { ITEM_PROCESSOR, type ItemProcessor } from '../processors.js';
import { DIRECTIVE_REGISTRY_STREAM, itemStream } from '../streams.js';
import { issueItem } from './register-directive.js';

/**
 * Issues the items of registered directives whose issuing was interrupted (a crash between the
 * registry append and the item appends), in the name of whoever registered the directive and
 * caused by that registration. Safe to run at any time: issued items are skipped.
 */
@Injectable()
export class DirectiveRepair {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ITEM_PROCESSOR) private readonly items: ItemProcessor,
  ) {}

  /** Returns the ids of the items it issued. */
  async run(): Promise<string[]> {
    const registrations = await this.store.readStream(DIRECTIVE_REGISTRY_STREAM);
    const repaired: string[] = [];
    for (const recorded of registrations) {
      if (recorded.type !== 'DirectiveRegistered') continue;
      const directive = recorded.data as DirectiveRegistered['data'];
      const { actor, correlationId } = recorded.metadata;
      const ctx = { actor, correlationId, causationId: recorded.eventId };
      for (const item of directive.items) {
        const head = await this.store.readStream(itemStream(item.itemId), { maxCount: 1 });
        if (head.length > 0) continue;
        try {
          await issueItem(this.items, directive.directiveId, item, ctx);
          repaired.push(item.itemId);
        } catch (error) {
          if (!(error instanceof ItemAlreadyIssuedError)) throw error;
        }
      }
    }
    return repaired;
  }
}
