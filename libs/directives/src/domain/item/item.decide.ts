import type { Decider } from '../shared/decider.js';
import { requireRole } from '../shared/permissions.js';
import { dueAt } from '../shared/vn-time.js';
import { acknowledgeAssignment, assignUnits } from './decide-assignment.js';
import { closeItem, proposeCommendation, reportCompletion, reviewCompletion } from './decide-completion.js';
import { decideExtension, requestExtension } from './decide-extension.js';
import { climbEscalation, raiseEarlyWarning, recordDeadlineMissed, resolveEscalation, sendReminder } from './decide-follow-up.js';
import { correctProgressReport, reportBlocker, reportProgress, resolveBlocker } from './decide-progress.js';
import type { IssueItem, ItemCommand } from './item.commands.js';
import { ItemAlreadyIssuedError, ItemNotFoundError } from './item.errors.js';
import type { ItemEvent } from './item.events.js';
import { evolveItem } from './item.evolve.js';
import { requireDeadline } from './item.guards.js';
import { initialItemState, type IssuedItemState, type ItemState } from './item.state.js';

/** Decides what a command on an item records, or throws the `DomainError` of the rule it breaks. */
export function decideItem(command: ItemCommand, state: ItemState): ItemEvent[] {
  if (command.type === 'IssueItem') return issueItem(command, state);
  if (state.status === 'unissued') throw new ItemNotFoundError(command.itemId);
  return decideOnIssued(command, state);
}

function decideOnIssued(command: Exclude<ItemCommand, IssueItem>, state: IssuedItemState): ItemEvent[] {
  switch (command.type) {
    case 'AssignUnits':
      return assignUnits(command, state);
    case 'AcknowledgeAssignment':
      return acknowledgeAssignment(command, state);
    case 'ReportProgress':
      return reportProgress(command, state);
    case 'CorrectProgressReport':
      return correctProgressReport(command, state);
    case 'ReportBlocker':
      return reportBlocker(command, state);
    case 'ResolveBlocker':
      return resolveBlocker(command, state);
    case 'RequestExtension':
      return requestExtension(command, state);
    case 'DecideExtension':
      return decideExtension(command, state);
    case 'ReportCompletion':
      return reportCompletion(command, state);
    case 'ReviewCompletion':
      return reviewCompletion(command, state);
    case 'ProposeCommendation':
      return proposeCommendation(command, state);
    case 'CloseItem':
      return closeItem(command, state);
    case 'SendReminder':
      return sendReminder(command, state);
    case 'RecordDeadlineMissed':
      return recordDeadlineMissed(command, state);
    case 'ClimbEscalation':
      return climbEscalation(command, state);
    case 'RaiseEarlyWarning':
      return raiseEarlyWarning(command, state);
    case 'ResolveEscalation':
      return resolveEscalation(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled item command ${(unhandled as { type: string }).type}`);
    }
  }
}

function issueItem(command: IssueItem, state: ItemState): ItemEvent[] {
  requireRole(command.actor, ['secretariat'], 'issue items');
  const d = command.data;
  if (state.status !== 'unissued') throw new ItemAlreadyIssuedError(command.itemId);
  requireDeadline('deadline', d.deadline, command.now);
  return [{
    type: 'ItemIssued',
    data: {
      itemId: command.itemId,
      directiveId: d.directiveId,
      number: d.number,
      title: d.title,
      text: d.text,
      duties: d.duties,
      targets: d.targets,
      deadline: { date: d.deadline, dueAt: dueAt(d.deadline) },
      focusAreas: d.focusAreas ?? [],
      issuedAt: command.now,
    },
  }];
}

/** The item aggregate as a decider. */
export const itemDecider: Decider<ItemState, ItemCommand, ItemEvent> = {
  decide: decideItem,
  evolve: evolveItem,
  initialState: initialItemState,
};
