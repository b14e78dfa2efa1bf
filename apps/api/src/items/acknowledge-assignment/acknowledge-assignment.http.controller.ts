import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { CommandResponse } from '../../http/command.response.js';
import { ItemIdPipe } from '../../http/validators.js';
import { runItemCommand } from '../item-command.js';
import { AcknowledgeAssignmentRequest } from './acknowledge-assignment.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/acknowledgements')
export class AcknowledgeAssignmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('unit')
  @ApiOperation({ summary: "Acknowledge the calling unit's assignment" })
  @ApiCreatedResponse({ type: CommandResponse })
  acknowledge(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Body() body: AcknowledgeAssignmentRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return runItemCommand(this.commands, reply, itemId, { type: 'AcknowledgeAssignment', data: { note: body.note } }, ctx);
  }
}
