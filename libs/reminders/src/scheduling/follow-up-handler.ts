import { randomUUID } from 'node:crypto';
import {
  DomainError,
  itemStream,
  type CommandContext,
  type ExecuteItemCommand,
  type ItemProcessor,
} from '#directives';
import type { Clock, Logger } from '#platform';
import { followUpJobId, planFollowUp, reportRemindersDue, latestReportReminder, type PlannedJob } from '../policy/index.js';
import { mustActAt, type DirectiveFollowUp, type FollowUpDirectory } from './follow-up-directory.js';
import { lateTolerance } from './repeat-options.js';

/** What running a follow-up job came to. */
export type FollowUpResult = 'recorded' | 'already-recorded' | 'stale' | 'not-due' | 'refused';

/** The channels a unit is reached through (the inbox always; a webhook where registered). */
export type ChannelsOf = (unitId: string) => Promise<string[]>;

export interface FollowUpSettings {
  /** A follow-up recorded this long after its due time says it is late. */
  readonly lateAfterMs: number;
  readonly timeScale: number;
}

const SYSTEM: CommandContext['actor'] = { subject: 'follow-up', role: 'system', name: 'Directive engine follow-up' };

/**
 * Runs a follow-up job: checks the item's history first (the job must still be in the item's
 * plan, and due), then records the reminder, the missed deadline or the escalation through the
 * item's command processor. The decider records nothing when the fact is already there, so a job
 * run twice, by two workers, or after a restart never records it twice.
 */
export class FollowUpHandler {
  private readonly toleranceMs: number;

  constructor(
    private readonly directory: FollowUpDirectory,
    private readonly items: ItemProcessor,
    private readonly clock: Clock,
    settings: FollowUpSettings,
    private readonly channelsOf: ChannelsOf,
    private readonly logger?: Logger,
  ) {
    this.toleranceMs = lateTolerance(settings.lateAfterMs, settings.timeScale);
  }

  async run(job: PlannedJob): Promise<FollowUpResult> {
    const state = await this.directory.item(job.itemId);
    if (state.status === 'unissued') return 'stale';
    const directive = await this.directory.directive(state.directiveId);
    if (!directive || !planFollowUp(state, directive.policy).some((p) => followUpJobId(p) === followUpJobId(job))) return 'stale';
    const now = this.clock.now().toISOString();
    if (now < job.dueAt) return 'not-due';
    return this.record(job.itemId, await this.commandFor(job, directive, now));
  }

  /** Records a fact the engine raises on an item outside any plan (an early warning). */
  raise(itemId: string, input: ExecuteItemCommand['input']): Promise<FollowUpResult> {
    return this.record(itemId, input);
  }

  /**
   * A tick of the directive's periodic report reminders: every unit owed the reminder of the latest
   * occurrence gets it (a tick that comes late, or the reconciler after downtime, sends it late).
   */
  async reportReminders(directive: DirectiveFollowUp): Promise<number> {
    const rule = directive.policy.reportReminders;
    if (!rule) return 0;
    const now = this.clock.now().toISOString();
    const occurrence = latestReportReminder(rule, now);
    let sent = 0;
    for (const itemId of directive.itemIds) {
      const state = await this.directory.item(itemId);
      for (const unitId of reportRemindersDue(state, directive.policy, occurrence)) {
        const job: PlannedJob = { kind: 'reminder', itemId, unitId, rule: 'weekly-report', dueAt: occurrence };
        if ((await this.record(itemId, await this.commandFor(job, directive, now))) === 'recorded') sent += 1;
      }
    }
    return sent;
  }

  private async commandFor(job: PlannedJob, directive: DirectiveFollowUp, now: string): Promise<ExecuteItemCommand['input']> {
    const late = Date.parse(now) - Date.parse(job.dueAt) > this.toleranceMs;
    switch (job.kind) {
      case 'reminder':
        return { type: 'SendReminder', data: { unitId: job.unitId!, rule: job.rule, dueAt: job.dueAt, late, channels: await this.channelsOf(job.unitId!) } };
      case 'overdue-check':
        return { type: 'RecordDeadlineMissed', data: { unitId: job.unitId!, escalationId: escalationIdOf(job), mustAct: mustActAt(directive, 1), late } };
      case 'escalation-climb':
        return {
          type: 'ClimbEscalation',
          data: { escalationId: job.escalationId!, level: job.level!, mustAct: mustActAt(directive, job.level!), reason: `Unresolved after the time the policy allows at level ${job.level! - 1}` },
        };
    }
  }

  private async record(itemId: string, input: ExecuteItemCommand['input']): Promise<FollowUpResult> {
    const ctx: CommandContext = { actor: SYSTEM, correlationId: randomUUID() };
    try {
      const outcome = await this.items.execute(itemStream(itemId), { ...input, itemId } as never, ctx);
      if (outcome.events.length === 0) return 'already-recorded';
      this.logger?.info({ itemId, command: input.type, data: input.data, events: outcome.events.map((e) => e.type) }, 'follow-up recorded');
      return 'recorded';
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The item moved on between the plan check and the command (a completion just reported).
      this.logger?.info({ itemId, command: input.type, code: error.code }, 'follow-up refused by the item: skipped');
      return 'refused';
    }
  }
}

/** The escalation a missed deadline raises: one per unit and deadline (safe in a URL path). */
export function escalationIdOf(job: PlannedJob): string {
  return `missed-${job.unitId}-${job.dueAt.slice(0, 10)}`;
}

