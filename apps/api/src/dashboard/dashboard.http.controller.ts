import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DirectiveNotFoundError, ItemNotFoundError, UnitNotFoundError } from '#directives';
import { CLOCK, type Clock } from '#platform';
import {
  atRiskByItem,
  directiveKey,
  directiveOverviewProjection,
  directiveOverviewView,
  escalationsProjection,
  escalationsView,
  LAST_REPORT_KEY_PREFIX,
  overviewProgressKey,
  lastReportKey,
  ReadModelReader,
  riskNeedsSeries,
  targetItemKey,
  targetProgressProjection,
  targetProgressView,
  targetSeriesPrefix,
  UNIT_KEY_PREFIX,
  unitKey,
  unitScoreboardProjection,
  unitScoreboardView,
  unitScoreDocs,
  unitScoreView,
  type DirectiveOverviewDoc,
  type EscalationDoc,
  type OverviewProgressDoc,
  type TargetItemDoc,
  type TargetItemDocs,
  type TargetSeriesDoc,
  type UnitLastReportDoc,
  type UnitScoreDoc,
} from '#read-models';
import { Roles } from '../http/auth.decorators.js';
import { ItemIdPipe, PathIdPipe } from '../http/validators.js';
import { EscalationsQuery } from './dashboard.request.dto.js';
import { asOfOf } from '../items/item-as-of/as-of.fields.js';
import { DirectiveAsOfService } from './directive-as-of.service.js';
import { DirectiveOverviewQuery } from './directive-as-of.request.dto.js';

/**
 * The monitors' dashboards, served from the read models (never from the aggregates). Statuses,
 * ages and forecasts are computed at the engine clock's now; the documents never go stale.
 * Answers 503 READ_MODEL.NOT_READY while a model is first built.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly reader: ReadModelReader,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly asOf: DirectiveAsOfService,
  ) {}

  @Get('directives/:directiveId')
  @ApiOperation({ summary: 'A directive: each item in the four status cells plus at risk, deadlines, units, open escalations, progress against targets (?asOf=, &knowledge=: as it stood at that instant, replayed from the log)' })
  async directive(@Param('directiveId', new PathIdPipe('directiveId')) directiveId: string, @Query() query: DirectiveOverviewQuery) {
    if (query.asOf) return this.asOf.overview(directiveId, asOfOf(query.asOf, query.knowledge));
    const directive = await this.reader.get<DirectiveOverviewDoc>(directiveOverviewProjection.name, directiveKey(directiveId));
    if (!directive) throw new DirectiveNotFoundError(directiveId);
    const itemIds = Object.keys(directive.items);
    const [figures, targets] = await Promise.all([
      this.reader.getMany<OverviewProgressDoc>(directiveOverviewProjection.name, itemIds.map(overviewProgressKey)),
      this.reader.getMany<TargetItemDoc>(targetProgressProjection.name, itemIds.map(targetItemKey)),
    ]);
    const progress = [...figures.values()].filter((d): d is OverviewProgressDoc => d !== undefined);
    const items = [...targets.values()].filter((d): d is TargetItemDoc => d !== undefined);
    // Only the items that may be at risk need their series (listed by key prefix).
    const withSeries = await Promise.all(items.map(async (item) => (riskNeedsSeries(item) ? this.targetDocs(item) : { item, series: [] })));
    const now = this.now();
    return directiveOverviewView({ directive, progress }, now, atRiskByItem(withSeries, now));
  }

  @Get('units')
  @ApiOperation({ summary: 'Every unit: its assignments in the four cells, overdue count, last report, ranked by overdue count' })
  async units() {
    const [units, reports] = await Promise.all([
      this.reader.list<UnitScoreDoc>(unitScoreboardProjection.name, UNIT_KEY_PREFIX),
      this.reader.list<UnitLastReportDoc>(unitScoreboardProjection.name, LAST_REPORT_KEY_PREFIX),
    ]);
    return unitScoreboardView(unitScoreDocs(units, reports), this.now());
  }

  @Get('units/:unitId')
  @ApiOperation({ summary: 'One unit’s scoreboard line' })
  async unit(@Param('unitId', new PathIdPipe('unitId')) unitId: string) {
    const docs = await this.reader.getMany<UnitScoreDoc | UnitLastReportDoc>(unitScoreboardProjection.name, [unitKey(unitId), lastReportKey(unitId)]);
    const unit = docs.get(unitKey(unitId)) as UnitScoreDoc | undefined;
    const report = docs.get(lastReportKey(unitId)) as UnitLastReportDoc | undefined;
    const [joined] = unitScoreDocs(unit ? [unit] : [], report ? [report] : []);
    if (!joined) throw new UnitNotFoundError(unitId);
    return unitScoreView(joined, this.now());
  }

  @Get('targets/:itemId')
  @ApiOperation({ summary: 'Progress against an item’s targets: by date, per unit and in total, required vs actual rate, forecast, at risk' })
  async targets(@Param('itemId', ItemIdPipe) itemId: string) {
    const item = await this.reader.get<TargetItemDoc>(targetProgressProjection.name, targetItemKey(itemId));
    if (!item) throw new ItemNotFoundError(itemId);
    return targetProgressView(await this.targetDocs(item), this.now());
  }

  @Get('escalations')
  @Roles('monitor', 'secretariat', 'admin')
  @ApiOperation({ summary: 'Escalations, open first: level, age, who must act' })
  async escalations(@Query() query: EscalationsQuery) {
    const docs = await this.reader.list<EscalationDoc>(escalationsProjection.name, 'escalation:');
    return escalationsView(docs, this.now(), query);
  }

  /** The item's target-progress document with its series: one document per unit and report date. */
  private async targetDocs(item: TargetItemDoc): Promise<TargetItemDocs> {
    return { item, series: await this.reader.list<TargetSeriesDoc>(targetProgressProjection.name, targetSeriesPrefix(item.itemId)) };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

