import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DefineUnitGroupCommand, type CommandContext, type CommandOutcome } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { commandResponse, CommandResponse } from '../../http/command.response.js';
import { DefineUnitGroupRequest } from './define-unit-group.request.dto.js';

@ApiTags('units')
@ApiBearerAuth()
@Controller('unit-groups')
export class DefineUnitGroupController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('secretariat', 'admin')
  @ApiOperation({ summary: 'Define a unit group; assigning an item to it fans out to every member' })
  @ApiCreatedResponse({ type: CommandResponse })
  async define(@Body() body: DefineUnitGroupRequest, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const group = {
      groupId: body.id,
      name: body.name,
      ...(body.nameEn ? { nameEn: body.nameEn } : {}),
      ...(body.description ? { description: body.description } : {}),
      memberIds: body.memberIds,
    };
    const outcome: CommandOutcome = await this.commands.execute(new DefineUnitGroupCommand(group, ctx));
    return commandResponse(reply, outcome, body.id);
  }
}
