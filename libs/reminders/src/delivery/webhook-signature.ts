import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How receivers are told to check a delivery (shown when a webhook is registered). */
export const WEBHOOK_SIGNATURE_SCHEME = 'HMAC-SHA256 over "<timestamp>.<body>"';

export const WEBHOOK_HEADERS = {
  timestamp: 'x-directive-timestamp',
  signature: 'x-directive-signature',
  delivery: 'x-directive-delivery',
  event: 'x-directive-event',
  attempt: 'x-directive-attempt',
} as const;

/** A new webhook secret: 32 random bytes, base64url (43 characters). */
export const createWebhookSecret = (): string => randomBytes(32).toString('base64url');

/**
 * The hex HMAC-SHA256 of `<timestamp>.<body>` keyed with the secret as shown to the unit (its
 * UTF-8 bytes, not base64-decoded). The timestamp is part of what is signed so that a captured
 * delivery cannot be replayed later with a fresh timestamp.
 */
export function signWebhook(secret: string, timestamp: number | string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * What a receiver does with a delivery: true when `header` (`sha256=<hex>`) is the signature of
 * this exact body and timestamp, and the timestamp (unix seconds) is within `toleranceSeconds` of
 * `nowMs`. The comparison takes the same time whatever the mismatch. Verify the raw body as
 * received: re-serialising parsed JSON may change bytes and fail.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: number | string,
  body: string,
  header: string | undefined,
  toleranceSeconds: number,
  nowMs: number = Date.now(),
): boolean {
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(nowMs / 1000 - seconds) > toleranceSeconds) return false;
  const match = /^sha256=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = Buffer.from(signWebhook(secret, String(timestamp), body), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'));
}
