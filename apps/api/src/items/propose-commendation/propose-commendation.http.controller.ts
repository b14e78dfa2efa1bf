import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext, Nominee } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { CommandResponse } from '../../http/command.response.js';
import { newId } from '../../http/ids.js';
import { ItemIdPipe } from '../../http/validators.js';
import { runItemCommand } from '../item-command.js';
import { ProposeCommendationRequest } from './propose-commendation.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/commendations')
export class ProposeCommendationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('monitor', 'secretariat')
  @ApiOperation({ summary: 'Propose a commendation or reward for a collective or an individual' })
  @ApiCreatedResponse({ type: CommandResponse })
  propose(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Body() body: ProposeCommendationRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const commendationId = newId(ctx, 'commendation');
    const { kind, name, unitId, position } = body.nominee;
    const nominee = { kind, name, ...(unitId ? { unitId } : {}), ...(position ? { position } : {}) } as Nominee;
    const data = { commendationId, nominee, reason: body.reason };
    return runItemCommand(this.commands, reply, itemId, { type: 'ProposeCommendation', data }, ctx, commendationId);
  }
}
