import { Inject, Injectable } from '@nestjs/common';
import { directiveHistory, historyCsv, renderStatusReport, timelineOf } from '#audit';
import { DomainError, type DirectiveRecord } from '#directives';
import { EVENT_STORE, type EventStore } from '#event-store';
import { DirectiveAsOfService } from '../dashboard/directive-as-of.service.js';

/** No issue of that number for the directive. */
export class ReportNotFoundError extends DomainError {
  readonly code = 'REPORT.NOT_FOUND';
  readonly category = 'not_found';
  constructor(directiveId: string, issue: number) {
    super(`Directive ${directiveId} has no status report number ${issue}`, 'issue', { directiveId, issue });
  }
}

/**
 * Renders reports from the log: the overview as the Standing Committee saw it at the instant
 * (replayed with the read models' own projections, what was recorded by then) and the timeline of
 * what was recorded up to it. Nothing of a report is stored but its issue: rendering it again gives
 * the same document.
 */
@Injectable()
export class StatusReportService {
  constructor(
    private readonly asOf: DirectiveAsOfService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async render(directive: DirectiveRecord, at: string, issue?: { number: number; issuedAt: string }): Promise<string> {
    const overview = await this.asOf.overview(directive.directiveId, { at, knowledge: 'recorded' });
    const events = await directiveHistory(this.store, directive, at);
    return renderStatusReport({ overview, timeline: timelineOf(events, directive), ...(issue ? { issue } : {}), ...(directive.monitoring ? { reportsTo: directive.monitoring.reportsTo } : {}) });
  }

  async csv(directive: DirectiveRecord, upTo?: string): Promise<string> {
    return historyCsv(await directiveHistory(this.store, directive, upTo));
  }
}
