import { CATALOGUE_STREAM, type CatalogueState, type UnitWebhook } from '#directives';

/** Where the catalogue's current state comes from: the catalogue's command processor (`CATALOGUE_PROCESSOR`). */
export interface CatalogueSource {
  read(streamId: string): Promise<{ readonly state: CatalogueState }>;
}

/** How long a read of the catalogue serves lookups: webhooks change rarely, notices come in bursts. */
export const WEBHOOK_DIRECTORY_TTL_MS = 5000;

/**
 * The webhook of each unit, as the `catalogue-units` stream says. One read of the catalogue serves
 * `webhookOf` lookups for `ttlMs`, so a registration or removal made in another process is seen
 * within that time (call `forget()` after one made in this process). `currentWebhookOf` reads the
 * stream's tail first: use it where a stale secret or URL would do harm, i.e. when signing.
 * Lookups return the secret: keep what they return out of logs, job data and responses.
 */
export class WebhookDirectory {
  private cached?: { readonly at: number; readonly webhooks: Promise<ReadonlyMap<string, UnitWebhook>> };

  constructor(
    private readonly catalogue: CatalogueSource,
    private readonly ttlMs: number = WEBHOOK_DIRECTORY_TTL_MS,
  ) {}

  async webhookOf(unitId: string): Promise<UnitWebhook | undefined> {
    return (await this.webhooks()).get(unitId);
  }

  /** Caught up with the catalogue now (the processor reads only the events it has not seen). */
  async currentWebhookOf(unitId: string): Promise<UnitWebhook | undefined> {
    this.forget();
    return this.webhookOf(unitId);
  }

  /** Drops the cached read: the next lookup reads the catalogue again. */
  forget(): void {
    this.cached = undefined;
  }

  private webhooks(): Promise<ReadonlyMap<string, UnitWebhook>> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.webhooks;
    const webhooks = this.catalogue.read(CATALOGUE_STREAM).then(({ state }) => state.webhooks);
    const entry = { at: now, webhooks };
    this.cached = entry;
    webhooks.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return webhooks;
  }
}
