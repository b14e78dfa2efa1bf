import type { CommandMeta } from '../shared/actor.js';
import type { UnitGroupRecord, UnitRecord } from './catalogue.events.js';

export type RegisterUnit = CommandMeta & { readonly type: 'RegisterUnit'; readonly data: UnitRecord };
export type DefineUnitGroup = CommandMeta & { readonly type: 'DefineUnitGroup'; readonly data: UnitGroupRecord };

export type CatalogueCommand = RegisterUnit | DefineUnitGroup;
