import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RegisterUnitCommand, type CommandContext, type CommandOutcome } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { commandResponse, CommandResponse } from '../../http/command.response.js';
import { RegisterUnitRequest } from './register-unit.request.dto.js';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class RegisterUnitController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('secretariat', 'admin')
  @ApiOperation({ summary: 'Register a unit in the catalogue' })
  @ApiCreatedResponse({ type: CommandResponse })
  async register(@Body() body: RegisterUnitRequest, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const unit = {
      unitId: body.id,
      name: body.name,
      ...(body.nameEn ? { nameEn: body.nameEn } : {}),
      kind: body.kind,
      ...(body.parentId ? { parentId: body.parentId } : {}),
      tags: body.tags ?? [],
    };
    const outcome: CommandOutcome = await this.commands.execute(new RegisterUnitCommand(unit, ctx));
    return commandResponse(reply, outcome, body.id);
  }
}
