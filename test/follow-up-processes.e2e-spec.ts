import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { TokenService, type TokenClaims } from '#identity';
import { verifyWebhookSignature } from '#reminders';
import { startPrivateRedis, type PrivateRedis } from '#testing';
import { eventually } from './support/eventually.js';
import { ChildProgram, compiled, freePort, killAllPrograms, tempDir } from './support/processes.js';

const SECRET = 'follow-up-processes-secret-that-is-long-enough-0123';
/** 05:00 on 23-6-2021 in +07; the D-7 reminder of "by 30-6-2021" is due at 08:00, three engine hours later. */
const CLOCK_START = '2021-06-22T22:00:00.000Z';
/** One real second is half an engine hour. */
const TIME_SCALE = 1800;
const ITEM = 'kg-126-2021.1';

interface Delivery {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Polls until `probe` yields a value; a probe that fails (a read model still building) counts as not yet. */
const until = <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> =>
  eventually(what, () => probe().catch(() => undefined), (value) => value !== undefined, 30_000) as Promise<T>;

/**
 * The API and the worker as operators run them, on one campaign clock (CLOCK_START, CLOCK_ANCHOR,
 * TIME_SCALE), a real SQLite file and a private Redis: a reminder falls due, the worker records it
 * on the item, the unit's inbox shows it and the unit's webhook receives it, signed.
 */
describe('Reminders between real processes on a scaled campaign clock', () => {
  let redis: PrivateRedis;
  let receiver: Server;
  let receiverUrl: string;
  const deliveries: Delivery[] = [];
  const cleanups: (() => void)[] = [];
  const tokens = new TokenService({ secret: SECRET, issuer: 'directive-engine', audience: 'directive-engine' });
  const token = (claims: TokenClaims) => tokens.sign(claims);

  beforeAll(async () => {
    redis = await startPrivateRedis();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        deliveries.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/directives`;
  });
  afterEach(async () => {
    await killAllPrograms();
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await redis.stop();
  });

  it('records the D-7 reminder on time, shows it in the inbox and posts it, signed, to the unit\'s webhook', async () => {
    const { dir, remove } = tempDir('follow-up-processes-');
    cleanups.push(remove);
    const [apiPort, workerPort] = [await freePort(), await freePort()];
    const env = {
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      SQLITE_FILE: join(dir, 'events.db'),
      REDIS_URL: redis.url,
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'info',
      CLOCK_START,
      CLOCK_ANCHOR: new Date().toISOString(),
      TIME_SCALE: String(TIME_SCALE),
    };
    const api = ChildProgram.start(compiled('apps/api/src/main.js'), { env });
    const base = `http://127.0.0.1:${apiPort}`;
    await api.waitFor('the API to listen', () => api.jsonLines().find((l) => l.url === base), 20_000);
    const call = async (method: string, path: string, who: TokenClaims, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token(who)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
      return text ? JSON.parse(text) : undefined;
    };
    const secretariat: TokenClaims = { sub: 'vp-tinh-uy', role: 'secretariat' };
    const monitor: TokenClaims = { sub: 'cong-an-tinh', role: 'monitor' };
    const rachGia: TokenClaims = { sub: 'rach-gia-officer', role: 'unit', unitId: 'rach-gia' };

    await call('POST', '/units', secretariat, { id: 'tinh-uy', name: 'Tỉnh ủy Kiên Giang', kind: 'provincial_party_committee' });
    await call('POST', '/units', secretariat, { id: 'rach-gia', name: 'Thành ủy Rạch Giá', kind: 'city_party_committee', parentId: 'tinh-uy' });
    const item = { number: 1, title: 'Cấp CCCD', text: 'Hoàn thành cấp 1.171.200 thẻ CCCD', deadline: '2021-06-30', targets: [{ metric: 'cards_issued', value: 1171200 }] };
    await call('POST', '/directives', secretariat, { id: 'kg-126-2021', issuer: 'Tỉnh ủy Kiên Giang', number: '126-CV/TU', issuedOn: '2021-04-14', subject: 'Cấp CCCD', signer: { name: 'Mai Văn Huỳnh', title: 'Phó Bí thư' }, addressees: ['Các huyện ủy'], items: [item] });
    await call('POST', `/items/${ITEM}/assignments`, secretariat, { assignees: [{ unitId: 'rach-gia', role: 'lead' }] });
    await call('POST', `/items/${ITEM}/acknowledgements`, rachGia, {});
    const webhook = await call('PUT', '/units/rach-gia/webhook', rachGia, { url: receiverUrl });

    const worker = ChildProgram.start(compiled('apps/worker/src/main.js'), { env });
    await worker.waitFor('the worker to be ready', () => worker.jsonLines().find((l) => l.msg === 'directive engine worker ready'), 20_000);

    const reminder = await until('the D-7 reminder on the item', async () => {
      const history = await call('GET', `/items/${ITEM}/events?limit=100`, monitor);
      return (history.events as { type: string; data: Record<string, unknown> }[]).find((e) => e.type === 'ReminderSent' && e.data.rule === 'deadline-minus-7d');
    });
    expect(reminder.data).toMatchObject({ unitId: 'rach-gia', dueAt: '2021-06-23T01:00:00.000Z', late: false, channels: ['inbox', 'webhook'] });

    const delivery = await until('the webhook delivery', async () => deliveries.find((d) => d.headers['x-directive-event'] === 'ReminderSent'));
    const timestamp = String(delivery.headers['x-directive-timestamp']);
    expect(verifyWebhookSignature(webhook.secret, timestamp, delivery.body, String(delivery.headers['x-directive-signature']), 300)).toBe(true);
    expect(verifyWebhookSignature(webhook.secret, timestamp, delivery.body.replace('rach-gia', 'ha-tien'), String(delivery.headers['x-directive-signature']), 300)).toBe(false);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'ReminderSent', itemId: ITEM, unitId: 'rach-gia' });

    const inbox = await until('the reminder in the unit\'s inbox', async () => {
      const view = await call('GET', '/units/rach-gia/inbox', rachGia);
      return (view.entries as { kind: string }[] | undefined)?.find((e) => e.kind === 'reminder') ? view : undefined;
    });
    expect(JSON.stringify(inbox)).toContain('deadline-minus-7d');

    const health = (await (await fetch(`http://127.0.0.1:${workerPort}/health`)).json()) as { followUp: { pending: number } };
    expect(health).toMatchObject({ status: 'ok', queues: ['read-models', 'follow-up', 'notifications'], followUp: { checkpoint: true } });
    expect(health.followUp.pending).toBeGreaterThanOrEqual(3);
    const metrics = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
    expect(metrics).toMatch(/engine_follow_ups_total\{kind="reminder",result="recorded"\} [1-9]/);
    expect(metrics).toMatch(/engine_webhook_deliveries_total\{outcome="delivered"\} [1-9]/);
  }, 90_000);
});
