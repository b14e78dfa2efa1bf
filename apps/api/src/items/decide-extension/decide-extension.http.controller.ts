import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { CommandResponse } from '../../http/command.response.js';
import { ItemIdPipe, uuidPipe } from '../../http/validators.js';
import { runItemCommand } from '../item-command.js';
import { DecideExtensionRequest } from './decide-extension.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/extension-requests/:requestId/decision')
export class DecideExtensionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('secretariat')
  @ApiOperation({ summary: 'Approve or reject an extension request; the original deadline stays on record' })
  @ApiCreatedResponse({ type: CommandResponse })
  decide(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Param('requestId', uuidPipe('requestId')) requestId: string,
    @Body() body: DecideExtensionRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const data = { requestId, decision: body.decision, grantedDeadline: body.grantedDeadline, note: body.note };
    return runItemCommand(this.commands, reply, itemId, { type: 'DecideExtension', data }, ctx);
  }
}
