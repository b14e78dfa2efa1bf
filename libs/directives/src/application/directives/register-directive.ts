import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitNotFoundError } from '../../domain/catalogue/catalogue.errors.js';
import type { DirectiveItemDefinition, DirectiveRecord } from '../../domain/directive/directive.events.js';
import type { CommandContext, CommandOutcome } from '../command-context.js';
import {
  CATALOGUE_PROCESSOR,
  ITEM_PROCESSOR,
  REGISTRY_PROCESSOR,
  type CatalogueProcessor,
  type ItemProcessor,
  type RegistryProcessor,
} from '../processors.js';
import { CATALOGUE_STREAM, DIRECTIVE_REGISTRY_STREAM, itemStream } from '../streams.js';

export class RegisterDirectiveCommand {
  constructor(
    readonly directive: DirectiveRecord,
    readonly ctx: CommandContext,
  ) {}
}

export interface DirectiveRegistration {
  readonly directiveId: string;
  readonly registration: CommandOutcome;
  readonly items: readonly { itemId: string; outcome: CommandOutcome }[];
  readonly replayed: boolean;
}

/**
 * Registers a directive in the registry, then issues each of its items on the item's own
 * stream, caused by the registration. The registry event holds every item definition, so an
 * interrupted registration is completed by repeating the request with the same Idempotency-Key
 * (each item stream answers or records its own part) or by `DirectiveRepair` at start-up.
 */
@CommandHandler(RegisterDirectiveCommand)
export class RegisterDirectiveHandler implements ICommandHandler<RegisterDirectiveCommand, DirectiveRegistration> {
  constructor(
    @Inject(REGISTRY_PROCESSOR) private readonly registry: RegistryProcessor,
    @Inject(CATALOGUE_PROCESSOR) private readonly catalogue: CatalogueProcessor,
    @Inject(ITEM_PROCESSOR) private readonly items: ItemProcessor,
  ) {}

  async execute({ directive, ctx }: RegisterDirectiveCommand): Promise<DirectiveRegistration> {
    await this.checkMonitoringUnits(directive);
    const registration = await this.registry.execute(DIRECTIVE_REGISTRY_STREAM, { type: 'RegisterDirective', data: directive }, ctx);
    const causation = { ...ctx, causationId: registration.events[0]?.eventId ?? ctx.causationId };
    const items = await Promise.all(
      directive.items.map(async (item) => ({
        itemId: item.itemId,
        outcome: await issueItem(this.items, directive.directiveId, item, causation),
      })),
    );
    return { directiveId: directive.directiveId, registration, items, replayed: registration.replayed };
  }

  private async checkMonitoringUnits(directive: DirectiveRecord): Promise<void> {
    if (!directive.monitoring) return;
    const { state } = await this.catalogue.read(CATALOGUE_STREAM);
    const { leadUnitId, withUnitIds } = directive.monitoring;
    if (!state.units.has(leadUnitId)) throw new UnitNotFoundError(leadUnitId, 'monitoring.leadUnitId');
    withUnitIds.forEach((id, i) => {
      if (!state.units.has(id)) throw new UnitNotFoundError(id, `monitoring.withUnitIds[${i}]`);
    });
  }
}

/** Issues one item of a directive; an item already issued by an earlier attempt is left as it is. */
export async function issueItem(
  items: ItemProcessor,
  directiveId: string,
  item: DirectiveItemDefinition,
  ctx: CommandContext,
): Promise<CommandOutcome> {
  const data = {
    directiveId,
    number: item.number,
    title: item.title,
    text: item.text,
    duties: [...item.duties],
    targets: [...item.targets],
    deadline: item.deadline,
    focusAreas: [...item.focusAreas],
  };
  return items.execute(itemStream(item.itemId), { type: 'IssueItem', itemId: item.itemId, data }, ctx);
}
