import { Body, Controller, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GetReminderPolicyQuery, SetReminderPolicyCommand, type CommandContext, type ReminderPolicy, type ReminderPolicyView } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { commandResponse, CommandResponse } from '../../http/command.response.js';
import { PathIdPipe } from '../../http/validators.js';
import { ReminderPolicyRequest } from './reminder-policy.request.dto.js';

const DirectiveIdPipe = new PathIdPipe('directiveId');

@ApiTags('directives')
@ApiBearerAuth()
@Controller('directives/:directiveId/reminder-policy')
export class ReminderPolicyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'How the directive’s items are followed up: deadline reminders, weekly report reminders, escalation' })
  @ApiOkResponse({ description: 'The directive’s policy, or the default one (`custom: false`)' })
  get(@Param('directiveId', DirectiveIdPipe) directiveId: string): Promise<ReminderPolicyView> {
    return this.queries.execute(new GetReminderPolicyQuery(directiveId));
  }

  @Put()
  @HttpCode(200)
  @Roles('secretariat')
  @ApiOperation({ summary: 'Set the directive’s follow-up policy; pending reminders are rescheduled from it' })
  @ApiOkResponse({ type: CommandResponse })
  async set(
    @Param('directiveId', DirectiveIdPipe) directiveId: string,
    @Body() body: ReminderPolicyRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const outcome = await this.commands.execute(new SetReminderPolicyCommand(directiveId, toPolicy(body), ctx));
    return commandResponse(reply, outcome);
  }
}

function toPolicy(body: ReminderPolicyRequest): ReminderPolicy {
  return {
    deadlineReminders: body.deadlineReminders.map(({ daysBefore, at }) => ({ daysBefore, at })),
    reportReminders: body.reportReminders ? { weekday: body.reportReminders.weekday, at: body.reportReminders.at } : null,
    escalation: { climbAfterHours: body.escalation.climbAfterHours, maxLevel: body.escalation.maxLevel, earlyWarning: body.escalation.earlyWarning },
  };
}
