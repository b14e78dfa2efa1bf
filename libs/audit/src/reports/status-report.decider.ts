import { requireRole, type CommandMeta, type Decider, type DomainEvent } from '#directives';

/**
 * The directive's monitoring clause asks the monitor to report results to the Standing
 * Committee. Each issue of that report is a fact on the stream `report-<directiveId>`: which
 * issue, the instant it reports as of, and to whom it went. The report itself is not stored: it is
 * reproduced from the log as of `asOf`, so what was issued and what is shown later are the same.
 */
export type StatusReportIssued = DomainEvent<'StatusReportIssued', {
  directiveId: string;
  /** 1, 2, 3… per directive. */
  issue: number;
  /** The instant the report speaks for (the scheduled time it was due). */
  asOf: string;
  /** Units whose inbox receives it (the directive's monitors). */
  recipients: string[];
  /** Why it was issued: `weekly` by the schedule, `on-request` by a person. */
  occasion: 'weekly' | 'on-request';
  late: boolean;
  issuedAt: string;
}>;

export type IssueStatusReport = CommandMeta & {
  readonly type: 'IssueStatusReport';
  readonly data: { directiveId: string; asOf: string; recipients: string[]; occasion: 'weekly' | 'on-request'; late: boolean };
};

export interface StatusReportState {
  readonly issues: readonly { readonly issue: number; readonly asOf: string; readonly issuedAt: string }[];
}

export const statusReportStream = (directiveId: string): string => `report-${directiveId}`;

/** Issues the next number, unless an issue as of the same instant exists (a job run twice records it once). */
export function decideStatusReport(command: IssueStatusReport, state: StatusReportState): StatusReportIssued[] {
  requireRole(command.actor, ['system', 'monitor', 'secretariat'], 'issue status reports');
  const { directiveId, asOf, recipients, occasion, late } = command.data;
  if (state.issues.some((i) => i.asOf === asOf)) return [];
  const issue = state.issues.length + 1;
  return [{ type: 'StatusReportIssued', data: { directiveId, issue, asOf, recipients: [...new Set(recipients)], occasion, late, issuedAt: command.now } }];
}

export function evolveStatusReport(state: StatusReportState, event: StatusReportIssued): StatusReportState {
  if (event.type !== 'StatusReportIssued') return state;
  const { issue, asOf, issuedAt } = event.data;
  return { issues: [...state.issues, { issue, asOf, issuedAt }] };
}

export const statusReportDecider: Decider<StatusReportState, IssueStatusReport, StatusReportIssued> = {
  decide: decideStatusReport,
  evolve: evolveStatusReport,
  initialState: () => ({ issues: [] }),
};
