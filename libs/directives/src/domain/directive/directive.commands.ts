import type { CommandMeta } from '../shared/actor.js';
import type { DirectiveRecord } from './directive.events.js';
import type { ReminderPolicy } from './reminder-policy.js';

/** Registers a directive's header and the list of its items (each item is then issued on its own stream). */
export type RegisterDirective = CommandMeta & { readonly type: 'RegisterDirective'; readonly data: DirectiveRecord };

/** Sets how the engine follows up a directive's items from now on (replacing any earlier policy). */
export type SetReminderPolicy = CommandMeta & {
  readonly type: 'SetReminderPolicy';
  readonly data: { readonly directiveId: string; readonly policy: ReminderPolicy };
};

export type DirectiveRegistryCommand = RegisterDirective | SetReminderPolicy;
