import { randomUUID } from 'node:crypto';
import {
  DIRECTIVE_REGISTRY_STREAM,
  itemStream,
  type CommandContext,
  type ItemProcessor,
  type RegistryProcessor,
  type StreamCommandProcessor,
} from '#directives';
import type { Clock, Logger } from '#platform';
import { latestReportReminder } from '#reminders';
import { statusReportStream, type IssueStatusReport, type StatusReportIssued, type StatusReportState } from './status-report.decider.js';

export type StatusReportProcessor = StreamCommandProcessor<StatusReportState, IssueStatusReport, StatusReportIssued>;

/** Weekly, Friday 16:00 +07: the end of the working week, when the monitor reports to the Standing Committee. */
export const STATUS_REPORT_SCHEDULE = { weekday: 5, at: '16:00' } as const;

const SYSTEM: CommandContext['actor'] = { subject: 'status-reports', role: 'system', name: 'Directive engine reports' };

/**
 * Issues the weekly status report of every directive that has a monitoring arrangement and an
 * item still open, as of the latest scheduled instant: to the monitor and the units monitoring
 * with it. Run by a scheduler tick and at worker start, it issues a missed report once, late, and
 * never twice for one instant (the decider records nothing for an instant already issued).
 */
export class StatusReportIssuer {
  constructor(
    private readonly registry: RegistryProcessor,
    private readonly items: ItemProcessor,
    private readonly reports: StatusReportProcessor,
    private readonly clock: Clock,
    private readonly lateAfterMs: number,
    private readonly logger?: Logger,
  ) {}

  async run(): Promise<number> {
    const now = this.clock.now().toISOString();
    const asOf = latestReportReminder(STATUS_REPORT_SCHEDULE, now);
    const { state } = await this.registry.read(DIRECTIVE_REGISTRY_STREAM);
    let issued = 0;
    for (const directive of state.directives.values()) {
      if (!directive.monitoring || directive.registeredAt > asOf) continue;
      if (!(await this.anyItemOpen(directive.items.map((i) => i.itemId)))) continue;
      const { leadUnitId, withUnitIds } = directive.monitoring;
      const late = Date.parse(now) - Date.parse(asOf) > this.lateAfterMs;
      const data = { directiveId: directive.directiveId, asOf, recipients: [leadUnitId, ...withUnitIds], occasion: 'weekly' as const, late };
      const outcome = await this.reports.execute(statusReportStream(directive.directiveId), { type: 'IssueStatusReport', data }, { actor: SYSTEM, correlationId: randomUUID() });
      if (outcome.events.length > 0) {
        issued += 1;
        this.logger?.info({ directiveId: directive.directiveId, asOf, late }, 'status report issued');
      }
    }
    return issued;
  }

  private async anyItemOpen(itemIds: readonly string[]): Promise<boolean> {
    for (const itemId of itemIds) {
      if ((await this.items.read(itemStream(itemId))).state.status === 'open') return true;
    }
    return false;
  }
}
