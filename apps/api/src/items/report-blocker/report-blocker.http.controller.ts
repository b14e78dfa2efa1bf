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
import { ReportBlockerRequest } from './report-blocker.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/blockers')
export class ReportBlockerController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('unit')
  @ApiOperation({ summary: 'Report a blocker on the calling unit’s assignment' })
  @ApiCreatedResponse({ type: CommandResponse })
  report(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Body() body: ReportBlockerRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const blockerId = newId(ctx, 'blocker');
    const data = { blockerId, description: body.description, supportNeeded: body.supportNeeded };
    return runItemCommand(this.commands, reply, itemId, { type: 'ReportBlocker', data }, ctx, blockerId);
  }
}
