import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { CommandResponse } from '../../http/command.response.js';
import { ItemIdPipe, PathIdPipe, SLUG } from '../../http/validators.js';
import { runItemCommand } from '../item-command.js';
import { ResolveEscalationRequest } from './resolve-escalation.request.dto.js';

const EscalationIdPipe = new PathIdPipe('escalationId', SLUG);

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/escalations/:escalationId/resolution')
export class ResolveEscalationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('monitor', 'secretariat')
  @ApiOperation({ summary: 'Record how an escalation was resolved (a monitor or the secretariat); it stops climbing' })
  @ApiCreatedResponse({ type: CommandResponse })
  resolve(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Param('escalationId', EscalationIdPipe) escalationId: string,
    @Body() body: ResolveEscalationRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return runItemCommand(this.commands, reply, itemId, { type: 'ResolveEscalation', data: { escalationId, resolution: body.resolution } }, ctx);
  }
}
