import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ItemCommand } from '../../domain/item/item.commands.js';
import type { CommandContext, CommandOutcome } from '../command-context.js';
import { ITEM_PROCESSOR, type ItemProcessor } from '../processors.js';
import type { CommandInput } from '../stream-command-processor.js';
import { itemStream } from '../streams.js';

/** Any command on one item: load the item, decide, append with the expected revision. */
export class ExecuteItemCommand {
  constructor(
    readonly itemId: string,
    readonly input: DistributiveOmit<CommandInput<ItemCommand>, 'itemId'>,
    readonly ctx: CommandContext,
  ) {}
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

@CommandHandler(ExecuteItemCommand)
export class ExecuteItemCommandHandler implements ICommandHandler<ExecuteItemCommand, CommandOutcome> {
  constructor(@Inject(ITEM_PROCESSOR) private readonly items: ItemProcessor) {}

  execute({ itemId, input, ctx }: ExecuteItemCommand): Promise<CommandOutcome> {
    return this.items.execute(itemStream(itemId), { ...input, itemId } as CommandInput<ItemCommand>, ctx);
  }
}
