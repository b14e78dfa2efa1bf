import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { CommandResponse } from '../../http/command.response.js';
import { ItemIdPipe } from '../../http/validators.js';
import { runItemCommand } from '../item-command.js';
import { ReviewCompletionRequest } from './review-completion.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/completion-review')
export class ReviewCompletionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('monitor')
  @ApiOperation({ summary: 'Accept or reject a lead unit’s completion; accepting the last one completes the item' })
  @ApiCreatedResponse({ type: CommandResponse })
  review(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Body() body: ReviewCompletionRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const data = { unitId: body.unitId, decision: body.decision, note: body.note };
    return runItemCommand(this.commands, reply, itemId, { type: 'ReviewCompletion', data }, ctx);
  }
}
