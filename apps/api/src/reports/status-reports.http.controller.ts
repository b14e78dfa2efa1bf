import { Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { STATUS_REPORT_PROCESSOR, statusReportStream, type StatusReportProcessor } from '#audit';
import { DIRECTIVE_REGISTRY_STREAM, DirectiveNotFoundError, REGISTRY_PROCESSOR, type CommandContext, type DirectiveRecord, type RegistryProcessor } from '#directives';
import { CLOCK, type Clock } from '#platform';
import { CommandCtx, Roles } from '../http/auth.decorators.js';
import { PathIdPipe } from '../http/validators.js';
import { ReportNotFoundError, StatusReportService } from './status-report.service.js';
import { HistoryCsvQuery, ReportAsOfQuery } from './reports.request.dto.js';

const DirectiveIdPipe = new PathIdPipe('directiveId');

/**
 * The directive's reports for the Standing Committee: printable in Vietnamese as of any instant,
 * each weekly issue reproduced from the log as of its date, and the whole history as CSV.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/directives/:directiveId')
@Roles('monitor', 'secretariat', 'admin')
export class StatusReportsController {
  constructor(
    private readonly reports: StatusReportService,
    @Inject(REGISTRY_PROCESSOR) private readonly registry: RegistryProcessor,
    @Inject(STATUS_REPORT_PROCESSOR) private readonly issues: StatusReportProcessor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The printable report (Vietnamese): statuses, progress against targets, escalations, timeline — as of `asOf` (default now)' })
  async report(@Param('directiveId', DirectiveIdPipe) directiveId: string, @Query() query: ReportAsOfQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const directive = await this.directive(directiveId);
    void reply.type('text/html; charset=utf-8');
    return this.reports.render(directive, query.asOf ?? this.clock.now().toISOString());
  }

  @Get('history.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Every recorded fact of the directive as CSV (UTF-8 with BOM, RFC 4180), with the whole envelope' })
  async history(@Param('directiveId', DirectiveIdPipe) directiveId: string, @Query() query: HistoryCsvQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const directive = await this.directive(directiveId);
    void reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${directiveId}-history.csv"`);
    return this.reports.csv(directive, query.upTo);
  }

  @Get('issues')
  @ApiOkResponse({ description: 'The weekly issues: number, the instant each speaks for, when issued, to whom, and its link' })
  async list(@Param('directiveId', DirectiveIdPipe) directiveId: string) {
    await this.directive(directiveId);
    const { state } = await this.issues.read(statusReportStream(directiveId));
    return { directiveId, issues: state.issues.map((i) => ({ ...i, report: `/reports/directives/${directiveId}/issues/${i.issue}` })) };
  }

  @Get('issues/:issue')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'An issued report, reproduced from the log as of its date (what was known then)' })
  async issue(
    @Param('directiveId', DirectiveIdPipe) directiveId: string,
    @Param('issue', ParseIntPipe) number: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const directive = await this.directive(directiveId);
    const { state } = await this.issues.read(statusReportStream(directiveId));
    const found = state.issues.find((i) => i.issue === number);
    if (!found) throw new ReportNotFoundError(directiveId, number);
    void reply.type('text/html; charset=utf-8');
    return this.reports.render(directive, found.asOf, { number: found.issue, issuedAt: found.issuedAt });
  }

  @Post('issues')
  @HttpCode(201)
  @Roles('monitor', 'secretariat')
  @ApiOperation({ summary: 'Issue a report now, outside the weekly schedule (recorded like the weekly ones, delivered to the monitors’ inbox)' })
  async issueNow(@Param('directiveId', DirectiveIdPipe) directiveId: string, @CommandCtx() ctx: CommandContext) {
    const directive = await this.directive(directiveId);
    const asOf = this.clock.now().toISOString();
    const recipients = directive.monitoring ? [directive.monitoring.leadUnitId, ...directive.monitoring.withUnitIds] : [];
    const outcome = await this.issues.execute(statusReportStream(directiveId), { type: 'IssueStatusReport', data: { directiveId, asOf, recipients, occasion: 'on-request', late: false } }, ctx);
    const { state } = await this.issues.read(statusReportStream(directiveId));
    const issued = state.issues.find((i) => i.asOf === asOf)!;
    return { directiveId, issue: issued.issue, asOf, recipients, revision: outcome.revision, report: `/reports/directives/${directiveId}/issues/${issued.issue}` };
  }

  private async directive(directiveId: string): Promise<DirectiveRecord> {
    const { state } = await this.registry.read(DIRECTIVE_REGISTRY_STREAM);
    const directive = state.directives.get(directiveId);
    if (!directive) throw new DirectiveNotFoundError(directiveId);
    return directive;
  }
}
