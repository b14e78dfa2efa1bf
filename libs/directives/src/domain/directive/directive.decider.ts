import { AppendOnlyIndex } from '../shared/append-only-index.js';
import type { Decider } from '../shared/decider.js';
import { requireRole } from '../shared/permissions.js';
import { vnDate } from '../shared/vn-time.js';
import type { DirectiveRegistryCommand, RegisterDirective } from './directive.commands.js';
import {
  DirectiveAlreadyRegisteredError,
  DirectiveNumberTakenError,
  DuplicateItemNumberError,
  IssueDateInFutureError,
  ItemDeadlineBeforeIssueError,
} from './directive.errors.js';
import type { DirectiveRecord, DirectiveRegistryEvent } from './directive.events.js';

/** All directives of the deployment, in one stream (`registry-directives`), so ids and numbers stay unique. */
export interface DirectiveRegistryState {
  readonly directives: AppendOnlyIndex<DirectiveRecord & { registeredAt: string }>;
  readonly byNumber: AppendOnlyIndex<string>;
}

export const initialDirectiveRegistry = (): DirectiveRegistryState => ({
  directives: AppendOnlyIndex.empty(),
  byNumber: AppendOnlyIndex.empty(),
});

const numberKey = (issuer: string, number: string) => `${issuer.trim().toLowerCase()}|${number.trim().toLowerCase()}`;

export function decideDirectiveRegistry(command: DirectiveRegistryCommand, state: DirectiveRegistryState): DirectiveRegistryEvent[] {
  return [registerDirective(command, state)];
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
  });
  return { type: 'DirectiveRegistered', data: { ...d, registeredAt: command.now } };
}

export function evolveDirectiveRegistry(state: DirectiveRegistryState, event: DirectiveRegistryEvent): DirectiveRegistryState {
  if (event.type !== 'DirectiveRegistered') return state;
  const { directiveId, header } = event.data;
  return {
    directives: state.directives.add(directiveId, event.data),
    byNumber: state.byNumber.add(numberKey(header.issuer, header.number), directiveId),
  };
}

export const directiveRegistryDecider: Decider<DirectiveRegistryState, DirectiveRegistryCommand, DirectiveRegistryEvent> = {
  decide: decideDirectiveRegistry,
  evolve: evolveDirectiveRegistry,
  initialState: initialDirectiveRegistry,
};

/** The item id of item `number` of a directive: `<directiveId>.<number>`. */
export const itemIdOf = (directiveId: string, number: number): string => `${directiveId}.${number}`;
