import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CATALOGUE_PROCESSOR, CATALOGUE_STREAM, type CatalogueProcessor, type CommandContext, type UnitWebhookRegistered } from '#directives';
import { EVENT_STORE, type EventStore } from '#event-store';
import { createWebhookSecret, WebhookDirectory } from '#reminders';

export class RegisterUnitWebhookCommand {
  constructor(
    readonly unitId: string,
    readonly url: string,
    readonly ctx: CommandContext,
  ) {}
}

export interface RegisteredWebhook {
  readonly unitId: string;
  readonly url: string;
  readonly secret: string;
  /** Answered from an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

/**
 * Generates the secret and records the registration. The answer is read back from the recorded
 * event, so a request repeated with its Idempotency-Key is answered with the secret that was
 * stored, not with the fresh one this attempt generated (and did not record).
 */
@CommandHandler(RegisterUnitWebhookCommand)
export class RegisterUnitWebhookHandler implements ICommandHandler<RegisterUnitWebhookCommand, RegisteredWebhook> {
  constructor(
    @Inject(CATALOGUE_PROCESSOR) private readonly catalogue: CatalogueProcessor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: WebhookDirectory,
  ) {}

  async execute({ unitId, url, ctx }: RegisterUnitWebhookCommand): Promise<RegisteredWebhook> {
    const data = { unitId, url, secret: createWebhookSecret() };
    const outcome = await this.catalogue.execute(CATALOGUE_STREAM, { type: 'RegisterUnitWebhook', data }, ctx);
    this.directory.forget();
    const [recorded] = await this.store.readStream(outcome.streamId, { fromRevision: outcome.revision, maxCount: 1 });
    if (recorded?.type !== 'UnitWebhookRegistered') throw new Error(`expected UnitWebhookRegistered at ${outcome.streamId}@${outcome.revision}`);
    const stored = recorded.data as UnitWebhookRegistered['data'];
    return { unitId: stored.unitId, url: stored.url, secret: stored.secret, replayed: outcome.replayed };
  }
}
