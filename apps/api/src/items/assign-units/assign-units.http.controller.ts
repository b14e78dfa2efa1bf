import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AssignUnitsCommand, type AssigneeRequest, type CommandContext, type CommandOutcome } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { commandResponse, CommandResponse } from '../../http/command.response.js';
import { ItemIdPipe } from '../../http/validators.js';
import { AssignUnitsRequest } from './assign-units.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId/assignments')
export class AssignUnitsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('secretariat')
  @ApiOperation({ summary: 'Assign units or unit groups (lead or cooperating); a group fans out into one assignment per unit' })
  @ApiCreatedResponse({ type: CommandResponse })
  async assign(
    @Param('itemId', ItemIdPipe) itemId: string,
    @Body() body: AssignUnitsRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const assignees = body.assignees.map((a) => (a.unitId !== undefined ? { unitId: a.unitId, role: a.role } : { groupId: a.groupId!, role: a.role }));
    const outcome: CommandOutcome = await this.commands.execute(new AssignUnitsCommand(itemId, assignees as AssigneeRequest[], body.deadline, ctx));
    return commandResponse(reply, outcome);
  }
}
