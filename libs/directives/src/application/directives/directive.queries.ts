import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#platform';
import { DirectiveNotFoundError } from '../../domain/directive/directive.errors.js';
import { itemStatus, targetProgress } from '../../domain/item/item.status.js';
import { ITEM_PROCESSOR, REGISTRY_PROCESSOR, type ItemProcessor, type RegistryProcessor } from '../processors.js';
import { DIRECTIVE_REGISTRY_STREAM, itemStream } from '../streams.js';

export class ListDirectivesQuery {}

@QueryHandler(ListDirectivesQuery)
export class ListDirectivesHandler implements IQueryHandler<ListDirectivesQuery> {
  constructor(@Inject(REGISTRY_PROCESSOR) private readonly registry: RegistryProcessor) {}

  async execute() {
    const { state } = await this.registry.read(DIRECTIVE_REGISTRY_STREAM);
    const directives = [...state.directives.values()].map(({ directiveId, header, items, registeredAt }) => ({
      directiveId,
      number: header.number,
      issuer: header.issuer,
      issuedOn: header.issuedOn,
      subject: header.subject,
      itemCount: items.length,
      registeredAt,
    }));
    return { directives };
  }
}

/** A directive's header and its items, each with its current status and progress. */
export class GetDirectiveQuery {
  constructor(readonly directiveId: string) {}
}

@QueryHandler(GetDirectiveQuery)
export class GetDirectiveHandler implements IQueryHandler<GetDirectiveQuery> {
  constructor(
    @Inject(REGISTRY_PROCESSOR) private readonly registry: RegistryProcessor,
    @Inject(ITEM_PROCESSOR) private readonly items: ItemProcessor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ directiveId }: GetDirectiveQuery) {
    const { state } = await this.registry.read(DIRECTIVE_REGISTRY_STREAM);
    const directive = state.directives.get(directiveId);
    if (!directive) throw new DirectiveNotFoundError(directiveId);
    const now = this.clock.now().toISOString();
    const items = await Promise.all(directive.items.map((item) => this.summary(item.itemId, item, now)));
    return { ...directive, items };
  }

  private async summary(itemId: string, definition: object, now: string) {
    const { state, revision } = await this.items.read(itemStream(itemId));
    if (state.status === 'unissued') return { ...definition, lifecycle: 'pending_issue', revision };
    const assignments = [...state.assignments.values()];
    return {
      ...definition,
      lifecycle: state.status,
      status: itemStatus(state, now),
      targetProgress: targetProgress(state),
      leadUnits: assignments.filter((a) => a.role === 'lead').map((a) => a.unitId),
      cooperatingUnits: assignments.filter((a) => a.role === 'cooperating').map((a) => a.unitId),
      revision,
    };
  }
}
