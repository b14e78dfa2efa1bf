import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotificationDispatcher, verifyWebhookSignature, WEBHOOK_HEADERS, type Notice } from '#reminders';
import { startTestApi, type TestApi } from './support/test-app.js';
import { eventually } from './support/eventually.js';

interface Hit {
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A receiver on a local port that answers `status.value` and records what it was sent. */
async function startReceiver(): Promise<{ server: Server; url: string; hits: Hit[]; status: { value: number } }> {
  const hits: Hit[] = [];
  const status = { value: 204 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status.value).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, status };
}


const UNITS = [
  { id: 'tinh-uy-kien-giang', name: 'Tỉnh ủy Kiên Giang', kind: 'provincial_party_committee' },
  { id: 'rach-gia', name: 'Thành ủy Rạch Giá', kind: 'city_party_committee', parentId: 'tinh-uy-kien-giang' },
  { id: 'ha-tien', name: 'Thành ủy Hà Tiên', kind: 'city_party_committee', parentId: 'tinh-uy-kien-giang' },
];

describe('Unit webhooks over HTTP: registration, reading, removal, and the parked deliveries', () => {
  let api: TestApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const hookOf = (unitId: string) => `${receiver.url}/hooks/${unitId}`;
  const as = (role: 'admin' | 'secretariat' | 'monitor') => api.token(role);
  const unit = (unitId: string) => api.token('unit', unitId);

  beforeAll(async () => {
    receiver = await startReceiver();
    api = await startTestApi({ worker: true, env: { WEBHOOK_MAX_ATTEMPTS: '2', WEBHOOK_BACKOFF_MS: '10', WEBHOOK_TIMEOUT_MS: '2000' } });
    for (const body of UNITS) expect((await api.request('POST', '/units', { token: as('secretariat'), body })).status).toBe(201);
  });
  afterAll(async () => {
    await api?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it('registers a unit’s own webhook: 201 with a generated secret, shown once', async () => {
    const res = await api.request('PUT', '/units/rach-gia/webhook', { token: unit('rach-gia'), body: { url: hookOf('rach-gia') } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ unitId: 'rach-gia', url: hookOf('rach-gia'), secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), signature: 'HMAC-SHA256 over "<timestamp>.<body>"' });
    const again = await api.request('PUT', '/units/rach-gia/webhook', { token: as('secretariat'), body: { url: hookOf('rach-gia') } });
    expect(again.status).toBe(201);
    expect(again.body.secret).not.toBe(res.body.secret);
  });

  it('answers a repeated registration (same Idempotency-Key) with the secret it stored', async () => {
    const request = { token: as('admin'), body: { url: hookOf('ha-tien') }, headers: { 'idempotency-key': `webhook-${randomUUID()}` } };
    const first = await api.request('PUT', '/units/ha-tien/webhook', request);
    const repeated = await api.request('PUT', '/units/ha-tien/webhook', request);
    expect([first.status, repeated.status]).toEqual([201, 201]);
    expect(repeated.headers.get('idempotent-replayed')).toBe('true');
    expect(repeated.body.secret).toBe(first.body.secret);
  });

  it('shows the webhook without its secret, and never in the catalogue', async () => {
    const res = await api.request('GET', '/units/rach-gia/webhook', { token: unit('rach-gia') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ unitId: 'rach-gia', url: hookOf('rach-gia'), registeredAt: expect.any(String) });
    const units = await api.request('GET', '/units', { token: as('monitor') });
    expect(JSON.stringify(units.body)).not.toMatch(/secret|hooks/);
  });

  it('refuses another unit’s webhook to a unit (403) and to a monitor', async () => {
    const put = await api.request('PUT', '/units/rach-gia/webhook', { token: unit('ha-tien'), body: { url: hookOf('ha-tien') } });
    expect(put.status).toBe(403);
    expect(put.body.code).toBe('WEBHOOK.NOT_YOUR_UNIT');
    expect((await api.request('GET', '/units/rach-gia/webhook', { token: unit('ha-tien') })).status).toBe(403);
    expect((await api.request('DELETE', '/units/rach-gia/webhook', { token: unit('ha-tien') })).status).toBe(403);
    expect((await api.request('GET', '/units/rach-gia/webhook', { token: as('monitor') })).status).toBe(403);
  });

  it.each([
    ['ftp://files.example.vn/drop', 'must use http or https'],
    ['not a url', 'must be an absolute http or https URL'],
    [`https://example.vn/${'a'.repeat(2000)}`, 'must be at most 2000 characters'],
  ])('refuses %s with 400 naming url and the rule', async (url, problem) => {
    const res = await api.request('PUT', '/units/rach-gia/webhook', { token: unit('rach-gia'), body: { url } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'url', rule: 'isWebhookUrl', message: `url ${problem}` }] });
  });

  it('answers 404 for a unit outside the catalogue', async () => {
    const res = await api.request('PUT', '/units/kien-hai/webhook', { token: as('secretariat'), body: { url: hookOf('kien-hai') } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('UNIT.NOT_FOUND');
  });

  it('parks a delivery the receiver refuses, lists it to administrators only, and delivers it when retried', async () => {
    receiver.status.value = 500;
    const notice: Notice = { id: randomUUID(), type: 'EscalationRaised', itemId: '126-cv-tu-2021.1', unitId: 'ha-tien', recordedAt: new Date().toISOString(), data: { level: 1 } };
    expect(await api.app.get(NotificationDispatcher).dispatch([notice])).toBe(1);
    const id = `${notice.id}|ha-tien|webhook`;
    const listed = await eventually('the parked delivery', () => api.request('GET', '/admin/deliveries?state=parked', { token: as('admin') }), (r) => r.body?.deliveries?.length === 1);
    expect(listed.body.deliveries[0]).toMatchObject({ id, unitId: 'ha-tien', host: new URL(receiver.url).host, eventType: 'EscalationRaised', attemptsMade: 2 });
    for (const role of ['secretariat', 'monitor'] as const) expect((await api.request('GET', '/admin/deliveries', { token: as(role) })).status).toBe(403);
    expect((await api.request('GET', '/admin/deliveries', { token: unit('ha-tien') })).status).toBe(403);
    expect((await api.request('POST', `/admin/deliveries/${encodeURIComponent(id)}/retry`, { token: as('secretariat') })).status).toBe(403);

    receiver.status.value = 204;
    const retried = await api.request('POST', `/admin/deliveries/${encodeURIComponent(id)}/retry`, { token: as('admin') });
    expect(retried.status).toBe(202);
    await eventually('the retried delivery', async () => receiver.hits.filter((h) => h.headers[WEBHOOK_HEADERS.delivery] === id), (hits) => hits.length === 3);
    expect((await api.request('POST', `/admin/deliveries/${encodeURIComponent(id)}/retry`, { token: as('admin') })).status).toBe(404);
  });

  it('signs what it delivers with the secret the registration returned', async () => {
    const { secret } = (await api.request('PUT', '/units/rach-gia/webhook', { token: unit('rach-gia'), body: { url: hookOf('rach-gia') } })).body as { secret: string };
    const notice: Notice = { id: randomUUID(), type: 'ReminderSent', itemId: '126-cv-tu-2021.1', unitId: 'rach-gia', recordedAt: new Date().toISOString(), data: {} };
    await api.app.get(NotificationDispatcher).dispatch([notice]);
    const [hit] = await eventually('the delivery', async () => receiver.hits.filter((h) => h.body.includes(notice.id)), (hits) => hits.length === 1);
    const header = (name: string) => hit!.headers[name] as string;
    expect(verifyWebhookSignature(secret, header(WEBHOOK_HEADERS.timestamp), hit!.body, header(WEBHOOK_HEADERS.signature), 300)).toBe(true);
  });

  it('answers 400 for a malformed delivery id and 404 for an unknown one', async () => {
    expect((await api.request('POST', '/admin/deliveries/nope/retry', { token: as('admin') })).status).toBe(400);
    const unknown = await api.request('POST', `/admin/deliveries/${encodeURIComponent(`${randomUUID()}|rach-gia|webhook`)}/retry`, { token: as('admin') });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('DELIVERY.NOT_FOUND');
  });

  it('removes a webhook: 204, then 404 on reading or removing it again', async () => {
    expect((await api.request('DELETE', '/units/rach-gia/webhook', { token: unit('rach-gia') })).status).toBe(204);
    expect((await api.request('GET', '/units/rach-gia/webhook', { token: as('secretariat') })).body.code).toBe('WEBHOOK.NOT_FOUND');
    expect((await api.request('DELETE', '/units/rach-gia/webhook', { token: as('admin') })).status).toBe(404);
  });
});
