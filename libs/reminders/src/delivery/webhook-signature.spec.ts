import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { createWebhookSecret, signWebhook, verifyWebhookSignature } from './webhook-signature.js';

const secret = createWebhookSecret();
const body = '{"id":"0192f4c6-5b1e-7c3a-9d2e-1a2b3c4d5e6f","type":"ReminderSent"}';
const now = Date.UTC(2021, 5, 23, 2, 0, 0);
const timestamp = String(now / 1000);
const header = `sha256=${signWebhook(secret, timestamp, body)}`;

describe('Webhook signatures', () => {
  it('makes secrets of 32 random bytes in base64url, each different', () => {
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createWebhookSecret()).not.toBe(secret);
  });

  it('signs "<timestamp>.<body>" with HMAC-SHA256 keyed by the secret as shown, in hex', () => {
    expect(signWebhook(secret, timestamp, body)).toBe(createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${timestamp}.${body}`).digest('hex'));
  });

  it('accepts the signature of the same body and timestamp within the tolerance', () => {
    expect(verifyWebhookSignature(secret, timestamp, body, header, 300, now + 299_000)).toBe(true);
  });

  it.each([
    ['no header', timestamp, undefined],
    ['a header without the sha256= scheme', timestamp, header.slice('sha256='.length)],
    ['a truncated signature', timestamp, header.slice(0, -2)],
    ['a signature in upper case hex', timestamp, header.toUpperCase()],
    ['a timestamp that is not whole seconds', `${timestamp}.5`, header],
    ['another timestamp', String(Number(timestamp) + 1), header],
  ])('refuses %s', (_what, ts, given) => {
    expect(verifyWebhookSignature(secret, ts, body, given, 300, now)).toBe(false);
  });
});
