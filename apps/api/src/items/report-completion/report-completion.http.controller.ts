import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { CommandResponse } from '../../http/command.response.js';
import { ItemIdPipe } from '../../http/validators.js';
import { runItemCommand } from '../item-command.js';
import { ReportCompletionRequest } from './report-completion.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/completion-reports')
export class ReportCompletionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('unit')
  @ApiOperation({ summary: 'Report completion of the calling lead unit’s assignment' })
  @ApiCreatedResponse({ type: CommandResponse })
  report(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Body() body: ReportCompletionRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return runItemCommand(this.commands, reply, itemId, { type: 'ReportCompletion', data: { summary: body.summary } }, ctx);
  }
}
