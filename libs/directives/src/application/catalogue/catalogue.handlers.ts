import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { UnitGroupRecord, UnitRecord } from '../../domain/catalogue/catalogue.events.js';
import type { CommandContext, CommandOutcome } from '../command-context.js';
import { CATALOGUE_PROCESSOR, type CatalogueProcessor } from '../processors.js';
import { CATALOGUE_STREAM } from '../streams.js';

export class RegisterUnitCommand {
  constructor(
    readonly unit: UnitRecord,
    readonly ctx: CommandContext,
  ) {}
}

export class DefineUnitGroupCommand {
  constructor(
    readonly group: UnitGroupRecord,
    readonly ctx: CommandContext,
  ) {}
}

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand, CommandOutcome> {
  constructor(@Inject(CATALOGUE_PROCESSOR) private readonly catalogue: CatalogueProcessor) {}

  execute({ unit, ctx }: RegisterUnitCommand): Promise<CommandOutcome> {
    return this.catalogue.execute(CATALOGUE_STREAM, { type: 'RegisterUnit', data: unit }, ctx);
  }
}

@CommandHandler(DefineUnitGroupCommand)
export class DefineUnitGroupHandler implements ICommandHandler<DefineUnitGroupCommand, CommandOutcome> {
  constructor(@Inject(CATALOGUE_PROCESSOR) private readonly catalogue: CatalogueProcessor) {}

  execute({ group, ctx }: DefineUnitGroupCommand): Promise<CommandOutcome> {
    return this.catalogue.execute(CATALOGUE_STREAM, { type: 'DefineUnitGroup', data: group }, ctx);
  }
}

export class ListUnitsQuery {}
export class ListUnitGroupsQuery {}

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(@Inject(CATALOGUE_PROCESSOR) private readonly catalogue: CatalogueProcessor) {}

  async execute() {
    const { state } = await this.catalogue.read(CATALOGUE_STREAM);
    return { units: [...state.units.values()] };
  }
}

@QueryHandler(ListUnitGroupsQuery)
export class ListUnitGroupsHandler implements IQueryHandler<ListUnitGroupsQuery> {
  constructor(@Inject(CATALOGUE_PROCESSOR) private readonly catalogue: CatalogueProcessor) {}

  async execute() {
    const { state } = await this.catalogue.read(CATALOGUE_STREAM);
    return { groups: [...state.groups.values()] };
  }
}
