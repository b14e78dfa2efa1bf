import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { CommandResponse } from '../../http/command.response.js';
import { ItemIdPipe, uuidPipe } from '../../http/validators.js';
import { runItemCommand } from '../item-command.js';
import { ResolveBlockerRequest } from './resolve-blocker.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/blockers/:blockerId/resolution')
export class ResolveBlockerController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('unit', 'secretariat')
  @ApiOperation({ summary: 'Record that a blocker is resolved (the unit that reported it, or the secretariat)' })
  @ApiCreatedResponse({ type: CommandResponse })
  resolve(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Param('blockerId', uuidPipe('blockerId')) blockerId: string,
    @Body() body: ResolveBlockerRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return runItemCommand(this.commands, reply, itemId, { type: 'ResolveBlocker', data: { blockerId, resolution: body.resolution } }, ctx);
  }
}
