import type { EventStore } from '#event-store';
import type { Clock } from '#platform';
import { catalogueDecider, type CatalogueState } from '../domain/catalogue/catalogue.decider.js';
import type { CatalogueCommand } from '../domain/catalogue/catalogue.commands.js';
import type { CatalogueEvent } from '../domain/catalogue/catalogue.events.js';
import { directiveRegistryDecider, type DirectiveRegistryState } from '../domain/directive/directive.decider.js';
import type { DirectiveRegistryCommand } from '../domain/directive/directive.commands.js';
import type { DirectiveRegistryEvent } from '../domain/directive/directive.events.js';
import { itemDecider } from '../domain/item/item.decide.js';
import type { ItemCommand } from '../domain/item/item.commands.js';
import type { ItemEvent } from '../domain/item/item.events.js';
import type { ItemState } from '../domain/item/item.state.js';
import { StreamCommandProcessor, type ProcessorObserver } from './stream-command-processor.js';

export type ItemProcessor = StreamCommandProcessor<ItemState, ItemCommand, ItemEvent>;
export type CatalogueProcessor = StreamCommandProcessor<CatalogueState, CatalogueCommand, CatalogueEvent>;
export type RegistryProcessor = StreamCommandProcessor<DirectiveRegistryState, DirectiveRegistryCommand, DirectiveRegistryEvent>;

export const ITEM_PROCESSOR = Symbol.for('directive-engine.ItemProcessor');
export const CATALOGUE_PROCESSOR = Symbol.for('directive-engine.CatalogueProcessor');
export const REGISTRY_PROCESSOR = Symbol.for('directive-engine.RegistryProcessor');
/** Optional: metrics hooks for the command path. */
export const PROCESSOR_OBSERVER = Symbol.for('directive-engine.ProcessorObserver');

export interface ProcessorSettings {
  readonly cacheSize?: number;
  readonly maxAttempts?: number;
  readonly observer?: ProcessorObserver;
}

export const createItemProcessor = (store: EventStore, clock: Clock, s: ProcessorSettings): ItemProcessor =>
  new StreamCommandProcessor(store, itemDecider, clock, { name: 'item', ...s });

export const createCatalogueProcessor = (store: EventStore, clock: Clock, s: ProcessorSettings): CatalogueProcessor =>
  new StreamCommandProcessor(store, catalogueDecider, clock, { name: 'catalogue', cacheSize: 4, observer: s.observer });

export const createRegistryProcessor = (store: EventStore, clock: Clock, s: ProcessorSettings): RegistryProcessor =>
  new StreamCommandProcessor(store, directiveRegistryDecider, clock, { name: 'registry', cacheSize: 4, observer: s.observer });
