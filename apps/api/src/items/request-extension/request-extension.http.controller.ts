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
import { RequestExtensionRequest } from './request-extension.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/extension-requests')
export class RequestExtensionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('unit')
  @ApiOperation({ summary: 'Ask for a later deadline on the calling unit’s assignment' })
  @ApiCreatedResponse({ type: CommandResponse })
  request(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Body() body: RequestExtensionRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const requestId = newId(ctx, 'extension-request');
    const data = { requestId, requestedDeadline: body.requestedDeadline, reason: body.reason };
    return runItemCommand(this.commands, reply, itemId, { type: 'RequestExtension', data }, ctx, requestId);
  }
}
