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
  ReadModelReader,
  targetItemKey,
  targetProgressProjection,
  targetProgressView,
  unitKey,
  unitScoreboardProjection,
  unitScoreboardView,
  unitScoreView,
  type DirectiveOverviewDoc,
  type EscalationDoc,
  type TargetItemDoc,
  type UnitScoreDoc,
} from '#read-models';
import { Roles } from '../http/auth.decorators.js';
import { ItemIdPipe, PathIdPipe } from '../http/validators.js';
import { EscalationsQuery } from './dashboard.request.dto.js';

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
  ) {}

  @Get('directives/:directiveId')
  @ApiOperation({ summary: 'A directive: each item in the four status cells plus at risk, deadlines, units, open escalations, progress against targets' })
  async directive(@Param('directiveId', new PathIdPipe('directiveId')) directiveId: string) {
    const doc = await this.reader.get<DirectiveOverviewDoc>(directiveOverviewProjection.name, directiveKey(directiveId));
    if (!doc) throw new DirectiveNotFoundError(directiveId);
    const targets = await this.reader.getMany<TargetItemDoc>(targetProgressProjection.name, Object.keys(doc.items).map(targetItemKey));
    const now = this.now();
    const atRisk = atRiskByItem([...targets.values()].filter((d): d is TargetItemDoc => d !== undefined), now);
    return directiveOverviewView(doc, now, atRisk);
  }

  @Get('units')
  @ApiOperation({ summary: 'Every unit: its assignments in the four cells, overdue count, last report, ranked by overdue count' })
  async units() {
    return unitScoreboardView(await this.reader.list<UnitScoreDoc>(unitScoreboardProjection.name, 'unit:'), this.now());
  }

  @Get('units/:unitId')
  @ApiOperation({ summary: 'One unit’s scoreboard line' })
  async unit(@Param('unitId', new PathIdPipe('unitId')) unitId: string) {
    const doc = await this.reader.get<UnitScoreDoc>(unitScoreboardProjection.name, unitKey(unitId));
    if (!doc) throw new UnitNotFoundError(unitId);
    return unitScoreView(doc, this.now());
  }

  @Get('targets/:itemId')
  @ApiOperation({ summary: 'Progress against an item’s targets: by date, per unit and in total, required vs actual rate, forecast, at risk' })
  async targets(@Param('itemId', ItemIdPipe) itemId: string) {
    const doc = await this.reader.get<TargetItemDoc>(targetProgressProjection.name, targetItemKey(itemId));
    if (!doc) throw new ItemNotFoundError(itemId);
    return targetProgressView(doc, this.now());
  }

  @Get('escalations')
  @Roles('monitor', 'secretariat', 'admin')
  @ApiOperation({ summary: 'Escalations, open first: level, age, who must act' })
  async escalations(@Query() query: EscalationsQuery) {
    const docs = await this.reader.list<EscalationDoc>(escalationsProjection.name, 'escalation:');
    return escalationsView(docs, this.now(), query);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

