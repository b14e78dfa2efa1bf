import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CATALOGUE_PROCESSOR, CATALOGUE_STREAM, type CatalogueProcessor, type CommandContext, type CommandOutcome } from '#directives';
import { WebhookDirectory } from '#reminders';

export class RemoveUnitWebhookCommand {
  constructor(
    readonly unitId: string,
    readonly ctx: CommandContext,
  ) {}
}

/** Records the removal; deliveries already queued for the unit are then skipped when they run. */
@CommandHandler(RemoveUnitWebhookCommand)
export class RemoveUnitWebhookHandler implements ICommandHandler<RemoveUnitWebhookCommand, CommandOutcome> {
  constructor(
    @Inject(CATALOGUE_PROCESSOR) private readonly catalogue: CatalogueProcessor,
    private readonly directory: WebhookDirectory,
  ) {}

  async execute({ unitId, ctx }: RemoveUnitWebhookCommand): Promise<CommandOutcome> {
    const outcome = await this.catalogue.execute(CATALOGUE_STREAM, { type: 'RemoveUnitWebhook', data: { unitId } }, ctx);
    this.directory.forget();
    return outcome;
  }
}
