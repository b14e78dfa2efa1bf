import { describe, it } from '@jest/globals';
import { RoleNotAllowedError, type Actor } from '#directives';
import { deciderSpec } from '#testing';
import { statusReportDecider, type IssueStatusReport, type StatusReportIssued } from './status-report.decider.js';

const spec = deciderSpec(statusReportDecider);
const ENGINE: Actor = { subject: 'status-reports', role: 'system' };
const FRIDAY = '2021-05-14T09:00:00.000Z';
const NEXT_FRIDAY = '2021-05-21T09:00:00.000Z';
const RECIPIENTS = ['dang-uy-cong-an-tinh', 'van-phong-tinh-uy'];

const issue = (asOf: string, actor: Actor = ENGINE, late = false): IssueStatusReport => ({
  type: 'IssueStatusReport',
  actor,
  now: asOf,
  data: { directiveId: '126-cv-tu-2021', asOf, recipients: RECIPIENTS, occasion: 'weekly', late },
});
const issued = (n: number, asOf: string, late = false): StatusReportIssued => ({
  type: 'StatusReportIssued',
  data: { directiveId: '126-cv-tu-2021', issue: n, asOf, recipients: RECIPIENTS, occasion: 'weekly', late, issuedAt: asOf },
});

describe('Issuing the weekly status report', () => {
  it('numbers the issues of a directive 1, 2, 3…', () => {
    spec.given([]).when(issue(FRIDAY)).then([issued(1, FRIDAY)]);
    spec.given([issued(1, FRIDAY)]).when(issue(NEXT_FRIDAY)).then([issued(2, NEXT_FRIDAY)]);
  });

  it('records nothing for an instant already reported on (a job run twice, two workers)', () => {
    spec.given([issued(1, FRIDAY)]).when(issue(FRIDAY)).then([]);
  });

  it('records a report issued after its time as late', () => {
    spec.given([]).when(issue(FRIDAY, ENGINE, true)).then([issued(1, FRIDAY, true)]);
  });

  it('is issued by the engine, a monitor or the secretariat, never by a unit', () => {
    spec.given([]).when(issue(FRIDAY, { subject: 'rg', role: 'unit', unitId: 'rach-gia' })).thenThrows(RoleNotAllowedError);
  });
});
