import { Module, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '#event-store';
import { CLOCK, type Clock } from '#platform';
import { DefineUnitGroupHandler, ListUnitGroupsHandler, ListUnitsHandler, RegisterUnitHandler } from './catalogue/catalogue.handlers.js';
import { DirectiveRepair } from './directives/directive-repair.js';
import { GetDirectiveHandler, ListDirectivesHandler } from './directives/directive.queries.js';
import { RegisterDirectiveHandler } from './directives/register-directive.js';
import { GetReminderPolicyHandler, SetReminderPolicyHandler } from './directives/reminder-policy.handlers.js';
import { AssignUnitsHandler } from './items/assign-units.js';
import { ExecuteItemCommandHandler } from './items/execute-item-command.js';
import { GetItemHandler, GetItemHistoryHandler } from './items/item.queries.js';
import {
  CATALOGUE_PROCESSOR,
  createCatalogueProcessor,
  createItemProcessor,
  createRegistryProcessor,
  ITEM_PROCESSOR,
  PROCESSOR_OBSERVER,
  REGISTRY_PROCESSOR,
} from './processors.js';
import type { ProcessorObserver } from './stream-command-processor.js';

const processor = (token: symbol, create: typeof createItemProcessor | typeof createCatalogueProcessor | typeof createRegistryProcessor): Provider => ({
  provide: token,
  useFactory: (store: EventStore, clock: Clock, observer?: ProcessorObserver) => create(store, clock, { observer }),
  inject: [EVENT_STORE, CLOCK, { token: PROCESSOR_OBSERVER, optional: true }],
});

/**
 * The directive-tracking application: command and query handlers over the event store.
 * Expects `EVENT_STORE` and `CLOCK` (and optionally `PROCESSOR_OBSERVER`) from a global module.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    processor(ITEM_PROCESSOR, createItemProcessor),
    processor(CATALOGUE_PROCESSOR, createCatalogueProcessor),
    processor(REGISTRY_PROCESSOR, createRegistryProcessor),
    ExecuteItemCommandHandler,
    AssignUnitsHandler,
    RegisterDirectiveHandler,
    SetReminderPolicyHandler,
    GetReminderPolicyHandler,
    RegisterUnitHandler,
    DefineUnitGroupHandler,
    GetItemHandler,
    GetItemHistoryHandler,
    ListDirectivesHandler,
    GetDirectiveHandler,
    ListUnitsHandler,
    ListUnitGroupsHandler,
    DirectiveRepair,
  ],
  exports: [ITEM_PROCESSOR, CATALOGUE_PROCESSOR, REGISTRY_PROCESSOR, DirectiveRepair],
})
export class DirectivesModule {}
