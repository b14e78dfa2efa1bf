import type { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { ExecuteItemCommand, type CommandContext, type CommandOutcome } from '#directives';
import { commandResponse, type CommandResponse } from '../http/command.response.js';

/** Dispatches one item command and shapes its answer; `id` names what the command created. */
export async function runItemCommand(
  commands: CommandBus,
  reply: FastifyReply,
  itemId: string,
  input: ExecuteItemCommand['input'],
  ctx: CommandContext,
  id?: string,
): Promise<CommandResponse> {
  const outcome: CommandOutcome = await commands.execute(new ExecuteItemCommand(itemId, input, ctx));
  return commandResponse(reply, outcome, id);
}
