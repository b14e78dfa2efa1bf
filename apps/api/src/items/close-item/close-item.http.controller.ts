import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { CommandResponse } from '../../http/command.response.js';
import { ItemIdPipe } from '../../http/validators.js';
import { runItemCommand } from '../item-command.js';
import { CloseItemRequest } from './close-item.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/close')
export class CloseItemController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('secretariat')
  @ApiOperation({ summary: 'Close the item; nothing more is accepted on it afterwards' })
  @ApiCreatedResponse({ type: CommandResponse })
  close(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Body() body: CloseItemRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return runItemCommand(this.commands, reply, itemId, { type: 'CloseItem', data: { outcome: body.outcome, note: body.note } }, ctx);
  }
}
