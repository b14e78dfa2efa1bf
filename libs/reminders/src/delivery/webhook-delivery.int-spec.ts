import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { CATALOGUE_STREAM, createCatalogueProcessor, type CatalogueProcessor, type CommandContext } from '#directives';
import { openTempSqliteStore, type TempSqliteStore } from '#event-store/testing';
import { SystemClock } from '#platform';
import { startPrivateRedis, type PrivateRedis } from '#testing';
import { DeliveryAdmin } from './delivery-admin.js';
import { DeliveryMetrics } from './delivery-metrics.js';
import { DeliveryProcessor, startDeliveryWorker } from './delivery-processor.js';
import { DeliveryNotFoundError, DeliveryNotParkedError } from './delivery.errors.js';
import { deliveryIdOf, type Notice } from './notification-channel.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { NOTIFICATIONS_QUEUE, type DeliveryJobData } from './notifications-queue.js';
import { WebhookChannel } from './webhook-channel.js';
import { WebhookDirectory } from './webhook-directory.js';
import { createWebhookSecret, verifyWebhookSignature, WEBHOOK_HEADERS } from './webhook-signature.js';

interface Received {
  readonly unitId: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answered: number;
}

/** A unit's receiver on a local port: records every request and answers with the status set for its unit. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[]; answer: Map<string, number> }> {
  const received: Received[] = [];
  const answer = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const unitId = (req.url ?? '').split('/').pop()!;
      const status = answer.get(unitId) ?? 204;
      received.push({ unitId, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: status });
      res.writeHead(status).end(status >= 300 ? 'receiver unavailable' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, answer };
}

async function eventually<T>(what: string, probe: () => Promise<T> | T, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${what}: not reached within ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 300)}`);
}

const RETRY = { maxAttempts: 3, backoffMs: 20 };
const secretariat: CommandContext = { actor: { subject: 'vptu.chuyen-vien-01', role: 'secretariat' }, correlationId: 'webhook-delivery-spec' };
const UNITS = ['rach-gia', 'ha-tien', 'phu-quoc', 'kien-hai', 'u-minh-thuong'];

describe('Webhook delivery of reminders and escalations (private Redis, BullMQ, a local receiver)', () => {
  let redisServer: PrivateRedis;
  let redis: Redis;
  let temp: TempSqliteStore;
  let catalogue: CatalogueProcessor;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let queue: Queue<DeliveryJobData>;
  let directory: WebhookDirectory;
  let dispatcher: NotificationDispatcher;
  let admin: DeliveryAdmin;
  let worker: Worker;
  const registry = new Registry();
  const secrets = new Map<string, string>();
  const keyPrefix = `spec-${randomUUID().slice(0, 8)}`;

  const notice = (unitId: string, type = 'ReminderSent'): Notice => ({
    id: randomUUID(),
    type,
    itemId: '126-cv-tu-2021.1',
    unitId,
    recordedAt: new Date().toISOString(),
    data: { itemId: '126-cv-tu-2021.1', unitId, rule: 'deadline-minus-7d', dueAt: '2021-06-23T17:00:00.000Z', late: false, channels: ['inbox', 'webhook'] },
  });
  const deliveriesOf = (n: Notice) => receiver.received.filter((r) => r.headers[WEBHOOK_HEADERS.delivery] === deliveryIdOf(n, 'webhook'));
  const counted = async (outcome: string) => (await registry.getSingleMetric('engine_webhook_deliveries_total')!.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    redis = redisServer.client();
    temp = await openTempSqliteStore();
    receiver = await startReceiver();
    catalogue = createCatalogueProcessor(temp.store, new SystemClock(), {});
    for (const unitId of UNITS) {
      await catalogue.execute(CATALOGUE_STREAM, { type: 'RegisterUnit', data: { unitId, name: unitId, kind: 'district_party_committee', tags: [] } }, secretariat);
      secrets.set(unitId, createWebhookSecret());
      const data = { unitId, url: `${receiver.url}/hooks/${unitId}`, secret: secrets.get(unitId)! };
      await catalogue.execute(CATALOGUE_STREAM, { type: 'RegisterUnitWebhook', data }, secretariat);
    }
    queue = new Queue<DeliveryJobData>(NOTIFICATIONS_QUEUE, { connection: redis, prefix: keyPrefix });
    directory = new WebhookDirectory(catalogue);
    dispatcher = new NotificationDispatcher(queue, directory, redis, { ...RETRY, keyPrefix });
    admin = new DeliveryAdmin(queue, directory);
    const processor = new DeliveryProcessor([new WebhookChannel(directory, 2000)], new DeliveryMetrics(registry));
    worker = startDeliveryWorker(redis, processor, { keyPrefix });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await redisServer?.stop();
    await new Promise((resolve) => receiver?.server.close(resolve));
    await temp?.teardown();
  });

  it('delivers a notice signed with the unit’s secret, which the receiver verifies', async () => {
    const sent = notice('rach-gia');
    expect(await dispatcher.dispatch([sent])).toBe(1);
    const [delivery] = await eventually('the delivery', () => deliveriesOf(sent), (d) => d.length === 1);
    const { headers, body } = delivery!;
    expect(headers['content-type']).toBe('application/json');
    expect(headers[WEBHOOK_HEADERS.event]).toBe('ReminderSent');
    expect(JSON.parse(body)).toEqual(sent);
    const timestamp = headers[WEBHOOK_HEADERS.timestamp] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const signature = headers[WEBHOOK_HEADERS.signature] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secrets.get('rach-gia')!, timestamp, body, signature, 300)).toBe(true);
  });

  it('fails verification of a tampered body, another unit’s secret, or a stale timestamp', async () => {
    const sent = notice('rach-gia', 'EscalationRaised');
    await dispatcher.dispatch([sent]);
    const [{ headers, body }] = (await eventually('the delivery', () => deliveriesOf(sent), (d) => d.length === 1)) as [Received];
    const timestamp = headers[WEBHOOK_HEADERS.timestamp] as string;
    const signature = headers[WEBHOOK_HEADERS.signature] as string;
    const tampered = body.replace('deadline-minus-7d', 'deadline-minus-1d');
    expect(tampered).not.toBe(body);
    expect(verifyWebhookSignature(secrets.get('rach-gia')!, timestamp, tampered, signature, 300)).toBe(false);
    expect(verifyWebhookSignature(secrets.get('ha-tien')!, timestamp, body, signature, 300)).toBe(false);
    expect(verifyWebhookSignature(secrets.get('rach-gia')!, timestamp, body, signature, 300, (Number(timestamp) + 301) * 1000)).toBe(false);
  });

  it('queues and delivers a notice dispatched twice only once, even after its delivery completed', async () => {
    const sent = notice('ha-tien');
    const counts = await Promise.all([dispatcher.dispatch([sent]), dispatcher.dispatch([sent])]);
    expect(counts[0]! + counts[1]!).toBe(1);
    await eventually('the delivery', () => deliveriesOf(sent), (d) => d.length === 1);
    const id = deliveryIdOf(sent, 'webhook');
    await eventually('the completed job removed', () => queue.getJob(id), (job) => job === undefined);
    expect(await dispatcher.dispatch([sent])).toBe(0);
    expect(await queue.getJob(id)).toBeUndefined();
    expect(deliveriesOf(sent)).toHaveLength(1);
  });

  it('queues nothing for a unit without a webhook', async () => {
    expect(await dispatcher.dispatch([notice('giang-thanh')])).toBe(0);
  });

  it('tries a failing receiver exactly maxAttempts times, then parks the delivery and lists it', async () => {
    receiver.answer.set('phu-quoc', 500);
    const [failedBefore, parkedBefore] = [await counted('failed'), await counted('parked')];
    const sent = notice('phu-quoc', 'EscalationLevelRaised');
    const id = deliveryIdOf(sent, 'webhook');
    await dispatcher.dispatch([sent]);
    await eventually('the delivery parked', async () => (await queue.getJob(id))?.getState(), (state) => state === 'failed');
    expect(deliveriesOf(sent).map((d) => d.headers[WEBHOOK_HEADERS.attempt])).toEqual(['1', '2', '3']);
    expect(await counted('failed')).toBe(failedBefore + 2);
    expect(await counted('parked')).toBe(parkedBefore + 1);
    const parked = await admin.list('parked', 50);
    expect(parked).toEqual([
      expect.objectContaining({ id, state: 'parked', unitId: 'phu-quoc', host: new URL(receiver.url).host, eventType: 'EscalationLevelRaised', attemptsMade: 3, maxAttempts: 3 }),
    ]);
    expect(parked[0]!.lastError).toContain('500');
    expect(JSON.stringify(parked)).not.toContain(secrets.get('phu-quoc')!);
  });

  it('delivers a parked delivery retried by hand once the receiver recovers', async () => {
    const [parked] = await admin.list('parked', 50);
    receiver.answer.set('phu-quoc', 200);
    expect(await admin.retry(parked!.id)).toMatchObject({ id: parked!.id, attemptsMade: 0 });
    await eventually('the retried delivery removed once delivered', () => queue.getJob(parked!.id), (job) => job === undefined);
    expect(receiver.received.filter((r) => r.headers[WEBHOOK_HEADERS.delivery] === parked!.id).map((r) => r.answered)).toEqual([500, 500, 500, 200]);
    expect(await admin.list('parked', 50)).toEqual([]);
    await expect(admin.retry(parked!.id)).rejects.toBeInstanceOf(DeliveryNotFoundError);
  });

  describe('with a long backoff, so that a delivery waits for its retry', () => {
    const slow = () => new NotificationDispatcher(queue, directory, redis, { maxAttempts: 3, backoffMs: 600_000, keyPrefix });

    it('refuses to retry by hand a delivery that is pending, not parked', async () => {
      receiver.answer.set('kien-hai', 503);
      const sent = notice('kien-hai');
      const id = deliveryIdOf(sent, 'webhook');
      await slow().dispatch([sent]);
      await eventually('the delivery waiting for its retry', async () => (await queue.getJob(id))?.getState(), (state) => state === 'delayed');
      expect(await admin.list('pending', 50)).toEqual(expect.arrayContaining([expect.objectContaining({ id, state: 'delayed', attemptsMade: 1, lastError: expect.stringContaining('503') })]));
      await expect(admin.retry(id)).rejects.toBeInstanceOf(DeliveryNotParkedError);
      await (await queue.getJob(id))!.remove();
    });

    it('skips, without parking, a delivery whose webhook was removed before its retry', async () => {
      receiver.answer.set('u-minh-thuong', 500);
      const sent = notice('u-minh-thuong');
      const id = deliveryIdOf(sent, 'webhook');
      await slow().dispatch([sent]);
      await eventually('the delivery waiting for its retry', async () => (await queue.getJob(id))?.getState(), (state) => state === 'delayed');
      await catalogue.execute(CATALOGUE_STREAM, { type: 'RemoveUnitWebhook', data: { unitId: 'u-minh-thuong' } }, secretariat);
      await (await queue.getJob(id))!.promote();
      await eventually('the skipped delivery completed', () => queue.getJob(id), (job) => job === undefined);
      expect(deliveriesOf(sent)).toHaveLength(1);
      expect((await admin.list('parked', 50)).map((d) => d.id)).not.toContain(id);
    });
  });
});
