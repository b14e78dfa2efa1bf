import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { CommandResponse } from '../../http/command.response.js';
import { newId } from '../../http/ids.js';
import { ItemIdPipe } from '../../http/validators.js';
import { runItemCommand } from '../item-command.js';
import { ReportProgressRequest } from './report-progress.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/progress-reports')
export class ReportProgressController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('unit')
  @ApiOperation({ summary: 'Report progress on the calling unit’s assignment: cumulative figures and narrative' })
  @ApiCreatedResponse({ type: CommandResponse })
  report(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Body() body: ReportProgressRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const reportId = newId(ctx, 'progress-report');
    const data = { reportId, asOf: body.asOf, metrics: body.metrics ?? {}, narrative: body.narrative };
    return runItemCommand(this.commands, reply, itemId, { type: 'ReportProgress', data }, ctx, reportId);
  }
}
