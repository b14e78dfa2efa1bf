import { requireRole, requireUnit } from '../shared/permissions.js';
import { isCalendarDate, vnDate } from '../shared/vn-time.js';
import type { CorrectProgressReport, ReportBlocker, ReportProgress, ResolveBlocker } from './item.commands.js';
import {
  BlockerAlreadyResolvedError,
  BlockerNotFoundError,
  BlockerExistsError,
  InvalidDateError,
  MetricDecreasedError,
  NotOwnBlockerError,
  NotOwnReportError,
  ReportExistsError,
  ReportNotFoundError,
  ReportOutOfOrderError,
} from './item.errors.js';
import type { ItemEvent } from './item.events.js';
import { acknowledgedAssignment, assignmentOf, requireOpen } from './item.guards.js';
import type { IssuedItemState } from './item.state.js';

export function reportProgress(command: ReportProgress, state: IssuedItemState): ItemEvent[] {
  const unitId = requireUnit(command.actor, 'report progress');
  requireOpen(state);
  const assignment = acknowledgedAssignment(state, unitId);
  const { reportId, asOf, metrics, narrative } = command.data;
  if (state.reports.has(reportId)) throw new ReportExistsError(reportId);
  requireAsOf(asOf, state, command.now);
  if (assignment.lastReport && asOf < assignment.lastReport.asOf) throw new ReportOutOfOrderError(asOf, assignment.lastReport.asOf);
  for (const [metric, value] of Object.entries(metrics)) {
    const previous = assignment.metrics[metric];
    if (previous && value < previous.value) throw new MetricDecreasedError(metric, previous.value, value);
  }
  return [{
    type: 'ProgressReported',
    data: { itemId: state.itemId, unitId, reportId, asOf, metrics, narrative, reportedAt: command.now },
  }];
}

export function correctProgressReport(command: CorrectProgressReport, state: IssuedItemState): ItemEvent[] {
  const unitId = requireUnit(command.actor, 'correct a progress report');
  requireOpen(state);
  assignmentOf(state, unitId);
  const { reportId, correctsReportId, metrics, narrative, reason } = command.data;
  if (state.reports.has(reportId)) throw new ReportExistsError(reportId);
  const original = state.reports.get(correctsReportId);
  if (!original) throw new ReportNotFoundError(correctsReportId);
  if (original.unitId !== unitId) throw new NotOwnReportError(correctsReportId);
  const data = { itemId: state.itemId, unitId, reportId, correctsReportId, asOf: original.asOf, metrics, reason, correctedAt: command.now };
  return [{ type: 'ProgressReportCorrected', data: narrative === undefined ? data : { ...data, narrative } }];
}

export function reportBlocker(command: ReportBlocker, state: IssuedItemState): ItemEvent[] {
  const unitId = requireUnit(command.actor, 'report a blocker');
  requireOpen(state);
  acknowledgedAssignment(state, unitId);
  const { blockerId, description, supportNeeded } = command.data;
  if (state.blockers[blockerId]) throw new BlockerExistsError(blockerId);
  const data = { itemId: state.itemId, unitId, blockerId, description, reportedAt: command.now };
  return [{ type: 'BlockerReported', data: supportNeeded ? { ...data, supportNeeded } : data }];
}

/** The unit that reported a blocker, or the secretariat, records its resolution. */
export function resolveBlocker(command: ResolveBlocker, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['unit', 'secretariat'], 'resolve a blocker');
  if (command.actor.role === 'unit') requireUnit(command.actor, 'resolve a blocker');
  requireOpen(state);
  const blocker = state.blockers[command.data.blockerId];
  if (!blocker) throw new BlockerNotFoundError(command.data.blockerId);
  if (command.actor.role === 'unit' && command.actor.unitId !== blocker.unitId) {
    throw new NotOwnBlockerError(blocker.blockerId);
  }
  if (blocker.resolvedAt) throw new BlockerAlreadyResolvedError(blocker.blockerId);
  const { blockerId, resolution } = command.data;
  return [{ type: 'BlockerResolved', data: { itemId: state.itemId, unitId: blocker.unitId, blockerId, resolution, resolvedAt: command.now } }];
}

function requireAsOf(asOf: string, state: IssuedItemState, now: string): void {
  if (!isCalendarDate(asOf)) throw new InvalidDateError('asOf', 'must be a calendar date YYYY-MM-DD');
  if (asOf > vnDate(now)) throw new InvalidDateError('asOf', `must not be in the future (today is ${vnDate(now)} in +07)`);
  if (asOf < vnDate(state.issuedAt)) throw new InvalidDateError('asOf', `must not precede the item's issue (${vnDate(state.issuedAt)})`);
}
