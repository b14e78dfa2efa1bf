import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor } from '#directives';
import { CLOCK, type Clock } from '#platform';
import { inboxKey, ReadModelReader, unitInboxProjection, unitInboxView, type InboxDoc } from '#read-models';
import { CurrentActor } from '../http/auth.decorators.js';
import { PathIdPipe } from '../http/validators.js';
import { InboxQueryDto } from './dashboard.request.dto.js';

/** A unit reads only its own inbox; monitors, the secretariat and admins read any. */
export class NotYourInboxError extends DomainError {
  readonly code = 'INBOX.NOT_YOURS';
  readonly category = 'forbidden';
  constructor(unitId: string) {
    super(`The inbox of ${unitId} is visible only to that unit and to the monitors`, 'unitId', { unitId });
  }
}

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('units/:unitId/inbox')
export class UnitInboxController {
  constructor(
    private readonly reader: ReadModelReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'What was addressed to a unit, newest first: assignments, reminders, escalations, decisions' })
  async inbox(@Param('unitId', new PathIdPipe('unitId')) unitId: string, @Query() query: InboxQueryDto, @CurrentActor() actor: Actor) {
    if (actor.role === 'unit' && actor.unitId !== unitId) throw new NotYourInboxError(unitId);
    const doc = await this.reader.get<InboxDoc>(unitInboxProjection.name, inboxKey(unitId));
    return unitInboxView(unitId, doc, this.clock.now().toISOString(), query);
  }
}
