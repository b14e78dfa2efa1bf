import type { CommandMeta } from '../shared/actor.js';
import type { DirectiveRecord } from './directive.events.js';

/** Registers a directive's header and the list of its items (each item is then issued on its own stream). */
export type RegisterDirective = CommandMeta & { readonly type: 'RegisterDirective'; readonly data: DirectiveRecord };

export type DirectiveRegistryCommand = RegisterDirective;
