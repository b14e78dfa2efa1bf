import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { groupMembers, type CatalogueState } from '../../domain/catalogue/catalogue.decider.js';
import { UnitNotFoundError } from '../../domain/catalogue/catalogue.errors.js';
import type { AssigneeSpec } from '../../domain/item/item.commands.js';
import type { AssignmentRole } from '../../domain/item/item.events.js';
import type { CommandContext, CommandOutcome } from '../command-context.js';
import { CATALOGUE_PROCESSOR, ITEM_PROCESSOR, type CatalogueProcessor, type ItemProcessor } from '../processors.js';
import { CATALOGUE_STREAM, itemStream } from '../streams.js';

/** An assignee as requested: one unit, or a group that fans out into one assignment per member. */
export type AssigneeRequest =
  | { readonly unitId: string; readonly groupId?: undefined; readonly role: AssignmentRole }
  | { readonly groupId: string; readonly unitId?: undefined; readonly role: AssignmentRole };

export class AssignUnitsCommand {
  constructor(
    readonly itemId: string,
    readonly assignees: readonly AssigneeRequest[],
    readonly deadline: string | undefined,
    readonly ctx: CommandContext,
  ) {}
}

@CommandHandler(AssignUnitsCommand)
export class AssignUnitsHandler implements ICommandHandler<AssignUnitsCommand, CommandOutcome> {
  constructor(
    @Inject(ITEM_PROCESSOR) private readonly items: ItemProcessor,
    @Inject(CATALOGUE_PROCESSOR) private readonly catalogue: CatalogueProcessor,
  ) {}

  async execute({ itemId, assignees, deadline, ctx }: AssignUnitsCommand): Promise<CommandOutcome> {
    const { state } = await this.catalogue.read(CATALOGUE_STREAM);
    const resolved = resolveAssignees(state, assignees);
    const data = deadline === undefined ? { assignees: resolved } : { assignees: resolved, deadline };
    return this.items.execute(itemStream(itemId), { type: 'AssignUnits', itemId, data }, ctx);
  }
}

/** Expands groups into their members; every unit must be in the catalogue. */
export function resolveAssignees(catalogue: CatalogueState, assignees: readonly AssigneeRequest[]): AssigneeSpec[] {
  return assignees.flatMap((a, i): AssigneeSpec[] => {
    if (a.groupId !== undefined) {
      return groupMembers(catalogue, a.groupId, `assignees[${i}].groupId`).map((unitId) => ({ unitId, role: a.role, viaGroupId: a.groupId }));
    }
    if (!catalogue.units.has(a.unitId)) throw new UnitNotFoundError(a.unitId, `assignees[${i}].unitId`);
    return [{ unitId: a.unitId, role: a.role }];
  });
}
