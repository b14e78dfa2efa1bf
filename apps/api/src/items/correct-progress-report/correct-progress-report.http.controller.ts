import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { CommandResponse } from '../../http/command.response.js';
import { newId } from '../../http/ids.js';
import { ItemIdPipe, uuidPipe } from '../../http/validators.js';
import { runItemCommand } from '../item-command.js';
import { CorrectProgressReportRequest } from './correct-progress-report.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/progress-reports/:reportId/corrections')
export class CorrectProgressReportController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('unit')
  @ApiOperation({ summary: 'Correct an earlier report of the calling unit (the original stays in history)' })
  @ApiCreatedResponse({ type: CommandResponse })
  correct(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Param('reportId', uuidPipe('reportId')) correctsReportId: string,
    @Body() body: CorrectProgressReportRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const reportId = newId(ctx, 'progress-report-correction');
    const data = { reportId, correctsReportId, metrics: body.metrics, narrative: body.narrative, reason: body.reason };
    return runItemCommand(this.commands, reply, itemId, { type: 'CorrectProgressReport', data }, ctx, reportId);
  }
}
