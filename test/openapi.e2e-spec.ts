import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actorsOf, assignItem1, at, item1, ok, post, type Actors } from './support/campaign.js';
import { catalogueSeed, directiveSeed, ITEM_1 } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

/** Every route of the API, as OpenAPI paths. */
const API_PATHS = [
  '/directives',
  '/directives/{directiveId}',
  '/directives/{directiveId}/reminder-policy',
  '/units',
  '/unit-groups',
  '/items/{itemId}',
  '/items/{itemId}/events',
  '/items/{itemId}/state',
  '/items/{itemId}/assignments',
  '/items/{itemId}/acknowledgements',
  '/items/{itemId}/progress-reports',
  '/items/{itemId}/progress-reports/{reportId}/corrections',
  '/items/{itemId}/blockers',
  '/items/{itemId}/blockers/{blockerId}/resolution',
  '/items/{itemId}/extension-requests',
  '/items/{itemId}/extension-requests/{requestId}/decision',
  '/items/{itemId}/completion-reports',
  '/items/{itemId}/completion-review',
  '/items/{itemId}/commendations',
  '/items/{itemId}/close',
  '/items/{itemId}/escalations/{escalationId}/resolution',
  '/health',
  '/metrics',
  '/me',
  '/dashboard/directives/{directiveId}',
  '/dashboard/directives/{directiveId}/diff',
  '/dashboard/units',
  '/dashboard/units/{unitId}',
  '/dashboard/targets/{itemId}',
  '/dashboard/escalations',
  '/units/{unitId}/inbox',
  '/units/{unitId}/webhook',
  '/admin/projections',
  '/admin/projections/{name}/rebuild',
  '/reports/directives/{directiveId}',
  '/reports/directives/{directiveId}/history.csv',
  '/reports/directives/{directiveId}/issues',
  '/reports/directives/{directiveId}/issues/{issue}',
  '/admin/deliveries',
  '/admin/deliveries/{id}/retry',
  '/audit/verify',
  '/audit/verify/last',
  '/audit/anchors',
];

interface Sample {
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** The samples of one metric in a Prometheus text exposition. */
function samples(text: string, name: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) return [];
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    return [{ labels, value: Number(match[3]) }];
  });
}

/** The value of the sample whose labels include `labels`; 0 when there is none yet. */
function valueOf(text: string, name: string, labels: Record<string, string>): number {
  const found = samples(text, name).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`several ${name} samples match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

describe('OpenAPI, metrics and correlation ids', () => {
  let api: TestApi;
  let actors: Actors;

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    actors = actorsOf(api);
  });
  afterAll(() => api?.close());

  describe('the OpenAPI document at /docs-json', () => {
    let doc: any;

    beforeAll(async () => {
      const res = await api.request('GET', '/docs-json');
      if (res.status !== 200) throw new Error(`/docs-json answered ${res.status}`);
      doc = res.body;
    });

    it('is an OpenAPI 3 document', () => {
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info).toMatchObject({ title: expect.any(String), version: '1' });
    });

    it('lists every path of the API, and nothing else', () => {
      expect(Object.keys(doc.paths).sort()).toEqual([...API_PATHS].sort());
    });

    it.each(API_PATHS)('documents %s', (path) => {
      expect(doc.paths[path]).toBeDefined();
    });

    it('declares a bearer security scheme, required by the protected operations and not by health and metrics', () => {
      const schemes = Object.entries(doc.components.securitySchemes as Record<string, { type: string; scheme: string }>);
      const bearer = schemes.find(([, s]) => s.type === 'http' && s.scheme === 'bearer');
      expect(bearer).toBeDefined();
      const [name] = bearer!;
      const report = doc.paths['/items/{itemId}/progress-reports'].post;
      expect(report.security).toEqual(expect.arrayContaining([{ [name]: [] }]));
      expect(doc.paths['/directives'].post.security).toEqual(expect.arrayContaining([{ [name]: [] }]));
      expect(doc.security ?? []).toEqual([]);
      expect(doc.paths['/health'].get.security ?? []).toEqual([]);
      expect(doc.paths['/metrics'].get.security ?? []).toEqual([]);
    });

    it('shows asOf, metrics and narrative in the report-progress request schema', () => {
      const operation = doc.paths['/items/{itemId}/progress-reports'].post;
      let schema = operation.requestBody.content['application/json'].schema;
      if (schema.$ref) schema = doc.components.schemas[String(schema.$ref).replace('#/components/schemas/', '')];
      expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['asOf', 'metrics', 'narrative']));
      expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'itemId', in: 'path', required: true })]));
    });
  });

  it('serves the interactive documentation as HTML at /docs', async () => {
    const res = await fetch(`${api.url}/docs`, { redirect: 'follow' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<html/i);
    expect(html).toMatch(/swagger-ui/i);
  });

  describe('with the directive registered and item 1 assigned', () => {
    let correlationId: string;
    let registration: Awaited<ReturnType<TestApi['request']>>;

    beforeAll(async () => {
      const token = actors.secretariat();
      for (const unit of catalogueSeed.units) ok(await post(api, '/units', token, unit), `unit ${unit.id}`);
      for (const group of catalogueSeed.groups) ok(await post(api, '/unit-groups', token, group), `group ${group.id}`);
      correlationId = `e2e-correlation:${Date.now()}.register_directive`;
      registration = ok(await post(api, '/directives', token, directiveSeed.directive, { 'x-correlation-id': correlationId }), 'directive');
      await assignItem1(api);
      api.clock.set(at('2021-04-16T08:00:00'));
      ok(await post(api, item1('/acknowledgements'), actors.unit('rach-gia')), 'acknowledgement of rach-gia');
    });

    it('counts recorded commands at /metrics: ReportProgress rises by one after a report', async () => {
      const labels = { stream: 'item', command: 'ReportProgress', outcome: 'recorded' };
      const before = await api.request('GET', '/metrics');
      expect(before.status).toBe(200);
      expect(before.headers.get('content-type')).toMatch(/^text\/plain/);
      const count = valueOf(before.body, 'engine_commands_total', labels);
      api.clock.set(at('2021-05-15T17:00:00'));
      ok(await post(api, item1('/progress-reports'), actors.unit('rach-gia'), { asOf: '2021-05-15', metrics: { cards_issued: 12_000 }, narrative: 'Báo cáo tiến độ' }), 'report');
      const after = (await api.request('GET', '/metrics')).body as string;
      expect(valueOf(after, 'engine_commands_total', labels)).toBe(count + 1);
      expect(samples(after, 'engine_commands_total')).toEqual(
        expect.arrayContaining([expect.objectContaining({ labels: { stream: 'item', command: 'AssignUnits', outcome: 'recorded' } })]),
      );
    });

    it('counts refused commands separately from recorded ones', async () => {
      const refused = { stream: 'item', command: 'ReportProgress', outcome: 'refused' };
      const recorded = { stream: 'item', command: 'ReportProgress', outcome: 'recorded' };
      const before = (await api.request('GET', '/metrics')).body as string;
      // tan-hiep is a district, but item 1 is not assigned to it.
      const res = await post(api, item1('/progress-reports'), actors.unit('tan-hiep'), { asOf: '2021-05-15', metrics: { cards_issued: 1 }, narrative: 'x' });
      expect(res.status).toBeGreaterThanOrEqual(400);
      const after = (await api.request('GET', '/metrics')).body as string;
      expect(valueOf(after, 'engine_commands_total', recorded)).toBe(valueOf(before, 'engine_commands_total', recorded));
      expect(valueOf(after, 'engine_commands_total', refused)).toBe(valueOf(before, 'engine_commands_total', refused) + 1);
    });

    it('exposes the event store counters as engine_event_store_total', async () => {
      const text = (await api.request('GET', '/metrics')).body as string;
      expect(text).toContain('# TYPE engine_event_store_total');
      const counters = Object.fromEntries(samples(text, 'engine_event_store_total').map((s) => [s.labels.counter, s.value]));
      expect(Object.keys(counters)).toEqual(expect.arrayContaining(['batches', 'appends', 'events']));
      const stored = (await api.allEvents()).length;
      expect(counters.events).toBe(stored);
      expect(counters.appends).toBeGreaterThan(0);
      expect(counters.batches).toBeGreaterThan(0);
    });

    it('echoes a valid x-correlation-id and records it on every event the request caused', async () => {
      expect(registration.headers.get('x-correlation-id')).toBe(correlationId);
      const registered = (await api.stream('registry-directives')).filter((e) => e.type === 'DirectiveRegistered');
      expect(registered).toHaveLength(1);
      expect(registered[0]!.metadata.correlationId).toBe(correlationId);
      const items = directiveSeed.directive.items.map((i) => `item-${directiveSeed.directive.id}.${i.number}`);
      for (const stream of items) {
        const [issued] = await api.stream(stream);
        expect(issued).toMatchObject({ type: 'ItemIssued', metadata: { correlationId, causationId: registered[0]!.eventId } });
      }
      const caused = (await api.allEvents()).filter((e) => e.metadata.correlationId === correlationId);
      expect(caused).toHaveLength(1 + items.length);
    });

    it('records the correlation id of a fan-out on each of its events', async () => {
      const id = `fan-out-${Date.now()}`;
      const res = await post(api, `/items/${ITEM_1.replace(/\.1$/, '.4')}/assignments`, actors.secretariat(), { assignees: [{ groupId: 'district-party-committees', role: 'lead' }] }, { 'x-correlation-id': id });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-correlation-id')).toBe(id);
      const events = (await api.allEvents()).filter((e) => e.metadata.correlationId === id);
      expect(events).toHaveLength(15);
      expect(events.every((e) => e.type === 'UnitAssigned')).toBe(true);
    });

    it('replaces an x-correlation-id that is not valid by one of its own, recorded on the events', async () => {
      const invalid = 'not valid: has spaces';
      const res = await post(api, item1('/acknowledgements'), actors.unit('kien-hai'), {}, { 'x-correlation-id': invalid });
      expect(res.status).toBe(201);
      const given = res.headers.get('x-correlation-id');
      expect(given).toBeTruthy();
      expect(given).not.toBe(invalid);
      const events = (await api.stream(`item-${ITEM_1}`)).filter((e) => e.type === 'AssignmentAcknowledged' && (e.data as { unitId: string }).unitId === 'kien-hai');
      expect(events).toHaveLength(1);
      expect(events[0]!.metadata.correlationId).toBe(given);
      const tooLong = 'x'.repeat(101);
      const health = await api.request('GET', '/health', { headers: { 'x-correlation-id': tooLong } });
      expect(health.headers.get('x-correlation-id')).not.toBe(tooLong);
    });
  });

  describe('gives every response an x-correlation-id', () => {
    it.each([
      ['a public route', 'GET', '/health', undefined, 200],
      ['the metrics', 'GET', '/metrics', undefined, 200],
      ['a request without token', 'GET', '/units', undefined, 401],
      ['an unknown route', 'GET', '/no-such-route', undefined, 404],
      ['an invalid body', 'POST', '/units', {}, 400],
    ] as [string, string, string, unknown, number][])('%s (%s %s)', async (_what, method, path, body, status) => {
      const res = await api.request(method, path, body === undefined ? {} : { token: actors.secretariat(), body });
      expect(res.status).toBe(status);
      expect(res.headers.get('x-correlation-id')).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
    });

    it('a different one for each request', async () => {
      const ids = new Set<string | null>();
      for (let i = 0; i < 5; i += 1) ids.add((await api.request('GET', '/health')).headers.get('x-correlation-id'));
      expect(ids.size).toBe(5);
    });

    it('the one the client sent, when valid', async () => {
      const res = await api.request('GET', '/units', { headers: { 'x-correlation-id': 'client-trace.42' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('x-correlation-id')).toBe('client-trace.42');
    });
  });
});
