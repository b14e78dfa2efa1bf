import { AppendOnlyIndex } from '../shared/append-only-index.js';
import type { Decider } from '../shared/decider.js';
import { requireRole } from '../shared/permissions.js';
import { vnDate } from '../shared/vn-time.js';
import { requireDeadline } from '../item/item.guards.js';
import type { DirectiveRegistryCommand, RegisterDirective, SetReminderPolicy } from './directive.commands.js';
import {
  DirectiveAlreadyRegisteredError,
  DirectiveNotFoundError,
  DirectiveNumberTakenError,
  DuplicateItemNumberError,
  IssueDateInFutureError,
  ItemDeadlineBeforeIssueError,
} from './directive.errors.js';
import type { DirectiveRecord, DirectiveRegistryEvent } from './directive.events.js';
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from './reminder-policy.js';
import { validReminderPolicy } from './reminder-policy.validation.js';

/** All directives of the deployment, in one stream (`registry-directives`), so ids and numbers stay unique. */
export interface DirectiveRegistryState {
  readonly directives: AppendOnlyIndex<DirectiveRecord & { registeredAt: string }>;
  readonly byNumber: AppendOnlyIndex<string>;
  /** Reminder policies set so far, by directive id (the latest one set wins). */
  readonly policies: ReadonlyMap<string, ReminderPolicy>;
}

export const initialDirectiveRegistry = (): DirectiveRegistryState => ({
  directives: AppendOnlyIndex.empty(),
  byNumber: AppendOnlyIndex.empty(),
  policies: new Map(),
});

/**
 * The reminder policy a directive's items follow: the one last set, or `DEFAULT_REMINDER_POLICY`.
 * It does not check that the directive exists: an unknown id also gets the default.
 */
export function reminderPolicyOf(state: DirectiveRegistryState, directiveId: string): ReminderPolicy {
  return state.policies.get(directiveId) ?? DEFAULT_REMINDER_POLICY;
}

const numberKey = (issuer: string, number: string) => `${issuer.trim().toLowerCase()}|${number.trim().toLowerCase()}`;

export function decideDirectiveRegistry(command: DirectiveRegistryCommand, state: DirectiveRegistryState): DirectiveRegistryEvent[] {
  switch (command.type) {
    case 'RegisterDirective':
      return [registerDirective(command, state)];
    case 'SetReminderPolicy':
      return [setReminderPolicy(command, state)];
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled registry command ${(unhandled as { type: string }).type}`);
    }
  }
}

function registerDirective(command: RegisterDirective, state: DirectiveRegistryState): DirectiveRegistryEvent {
  requireRole(command.actor, ['secretariat'], 'register directives');
  const d = command.data;
  if (state.directives.has(d.directiveId)) throw new DirectiveAlreadyRegisteredError(d.directiveId);
  const taken = state.byNumber.get(numberKey(d.header.issuer, d.header.number));
  if (taken) throw new DirectiveNumberTakenError(d.header.number, d.header.issuer, taken);
  const today = vnDate(command.now);
  if (d.header.issuedOn > today) throw new IssueDateInFutureError(d.header.issuedOn, today);
  const numbers = new Set<number>();
  d.items.forEach((item, i) => {
    if (numbers.has(item.number)) throw new DuplicateItemNumberError(i, item.number);
    numbers.add(item.number);
    if (item.deadline < d.header.issuedOn) throw new ItemDeadlineBeforeIssueError(i, item.deadline, d.header.issuedOn);
    // The items are issued after the registration is recorded: refuse here what issuing would refuse.
    requireDeadline(`items[${i}].deadline`, item.deadline, command.now);
  });
  return { type: 'DirectiveRegistered', data: { ...d, registeredAt: command.now } };
}

/** Only the secretariat sets a policy, on a registered directive; every field is validated first. */
function setReminderPolicy(command: SetReminderPolicy, state: DirectiveRegistryState): DirectiveRegistryEvent {
  requireRole(command.actor, ['secretariat'], 'set reminder policies');
  const { directiveId } = command.data;
  if (!state.directives.has(directiveId)) throw new DirectiveNotFoundError(directiveId);
  const policy = validReminderPolicy(command.data.policy);
  return { type: 'ReminderPolicySet', data: { directiveId, policy, setAt: command.now } };
}

/** Folds one registry event. Event types it does not know leave the state as it is. */
export function evolveDirectiveRegistry(state: DirectiveRegistryState, event: DirectiveRegistryEvent): DirectiveRegistryState {
  switch (event.type) {
    case 'DirectiveRegistered': {
      const { directiveId, header } = event.data;
      return {
        ...state,
        directives: state.directives.add(directiveId, event.data),
        byNumber: state.byNumber.add(numberKey(header.issuer, header.number), directiveId),
      };
    }
    case 'ReminderPolicySet':
      return { ...state, policies: new Map(state.policies).set(event.data.directiveId, event.data.policy) };
    default:
      return state;
  }
}

export const directiveRegistryDecider: Decider<DirectiveRegistryState, DirectiveRegistryCommand, DirectiveRegistryEvent> = {
  decide: decideDirectiveRegistry,
  evolve: evolveDirectiveRegistry,
  initialState: initialDirectiveRegistry,
};

/** The item id of item `number` of a directive: `<directiveId>.<number>`. */
export const itemIdOf = (directiveId: string, number: number): string => `${directiveId}.${number}`;
