import { deliveryIdOf, RecipientGoneError, type Notice, type NotificationChannel } from './notification-channel.js';
import { WEBHOOK_CHANNEL } from './notifications-queue.js';
import type { WebhookDirectory } from './webhook-directory.js';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature.js';

/** The receiver did not accept the delivery; the message says why, for the parked list. */
export class WebhookDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * Posts a notice as JSON to the unit's webhook, signed with its secret. The URL and the secret are
 * looked up at each attempt, so a rotated secret or a changed URL applies to retries, and a
 * removed webhook ends the delivery (`RecipientGoneError`). Only a 2xx answer counts: redirects
 * are not followed (a receiver that moved registers its new URL). The timestamp is real time, not
 * the engine clock, because receivers check it against their own clocks.
 */
export class WebhookChannel implements NotificationChannel {
  readonly name = WEBHOOK_CHANNEL;

  constructor(
    private readonly directory: WebhookDirectory,
    private readonly timeoutMs: number,
  ) {}

  async deliver(notice: Notice, attempt: number): Promise<void> {
    const webhook = await this.directory.currentWebhookOf(notice.unitId);
    if (!webhook) throw new RecipientGoneError(this.name, notice.unitId);
    const body = JSON.stringify(notice);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await this.post(webhook.url, body, {
      'content-type': 'application/json',
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.signature]: `sha256=${signWebhook(webhook.secret, timestamp, body)}`,
      [WEBHOOK_HEADERS.delivery]: deliveryIdOf(notice, this.name),
      [WEBHOOK_HEADERS.event]: notice.type,
      [WEBHOOK_HEADERS.attempt]: String(attempt),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel();
      return;
    }
    const answer = (await response.text().catch(() => '')).slice(0, 200);
    throw new WebhookDeliveryError(`the receiver answered ${response.status}${answer ? `: ${answer}` : ''}`);
  }

  private async post(url: string, body: string, headers: Record<string, string>): Promise<Response> {
    try {
      return await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const err = error as Error & { cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError') throw new WebhookDeliveryError(`no answer within ${this.timeoutMs} ms`, { cause: error });
      const reason = err.cause?.code ?? err.cause?.message ?? err.message;
      throw new WebhookDeliveryError(`could not reach the receiver (${reason})`, { cause: error });
    }
  }
}
