import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DirectiveNotFoundError } from '../../domain/directive/directive.errors.js';
import { reminderPolicyOf } from '../../domain/directive/directive.decider.js';
import type { ReminderPolicy } from '../../domain/directive/reminder-policy.js';
import type { CommandContext, CommandOutcome } from '../command-context.js';
import { REGISTRY_PROCESSOR, type RegistryProcessor } from '../processors.js';
import { DIRECTIVE_REGISTRY_STREAM } from '../streams.js';

/** Sets how a directive's items are followed up (reminders, escalation); the worker reschedules from it. */
export class SetReminderPolicyCommand {
  constructor(
    readonly directiveId: string,
    readonly policy: ReminderPolicy,
    readonly ctx: CommandContext,
  ) {}
}

@CommandHandler(SetReminderPolicyCommand)
export class SetReminderPolicyHandler implements ICommandHandler<SetReminderPolicyCommand, CommandOutcome> {
  constructor(@Inject(REGISTRY_PROCESSOR) private readonly registry: RegistryProcessor) {}

  execute({ directiveId, policy, ctx }: SetReminderPolicyCommand): Promise<CommandOutcome> {
    return this.registry.execute(DIRECTIVE_REGISTRY_STREAM, { type: 'SetReminderPolicy', data: { directiveId, policy } }, ctx);
  }
}

/** The policy a directive's items follow: its own, or the default. */
export class GetReminderPolicyQuery {
  constructor(readonly directiveId: string) {}
}

export interface ReminderPolicyView {
  readonly directiveId: string;
  /** False when the directive follows the default policy. */
  readonly custom: boolean;
  readonly policy: ReminderPolicy;
}

@QueryHandler(GetReminderPolicyQuery)
export class GetReminderPolicyHandler implements IQueryHandler<GetReminderPolicyQuery, ReminderPolicyView> {
  constructor(@Inject(REGISTRY_PROCESSOR) private readonly registry: RegistryProcessor) {}

  async execute({ directiveId }: GetReminderPolicyQuery): Promise<ReminderPolicyView> {
    const { state } = await this.registry.read(DIRECTIVE_REGISTRY_STREAM);
    if (!state.directives.has(directiveId)) throw new DirectiveNotFoundError(directiveId);
    const policy = reminderPolicyOf(state, directiveId);
    return { directiveId, custom: state.policies.has(directiveId), policy };
  }
}
