import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  CATALOGUE_PROCESSOR,
  CATALOGUE_STREAM,
  requireWebhookManager,
  UnitNotFoundError,
  WebhookNotFoundError,
  type Actor,
  type CatalogueProcessor,
} from '#directives';

export class GetUnitWebhookQuery {
  constructor(
    readonly unitId: string,
    readonly viewer: Actor,
  ) {}
}

export interface UnitWebhookView {
  readonly unitId: string;
  readonly url: string;
  readonly registeredAt: string;
}

/** The unit's webhook without its secret, to those who may manage it. */
@QueryHandler(GetUnitWebhookQuery)
export class GetUnitWebhookHandler implements IQueryHandler<GetUnitWebhookQuery, UnitWebhookView> {
  constructor(@Inject(CATALOGUE_PROCESSOR) private readonly catalogue: CatalogueProcessor) {}

  async execute({ unitId, viewer }: GetUnitWebhookQuery): Promise<UnitWebhookView> {
    requireWebhookManager(viewer, unitId);
    const { state } = await this.catalogue.read(CATALOGUE_STREAM);
    if (!state.units.has(unitId)) throw new UnitNotFoundError(unitId);
    const webhook = state.webhooks.get(unitId);
    if (!webhook) throw new WebhookNotFoundError(unitId);
    return { unitId, url: webhook.url, registeredAt: webhook.registeredAt };
  }
}
