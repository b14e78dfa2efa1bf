import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { actorsOf, assignItem1, at, item1, ok, post } from './support/campaign.js';
import { expectRefused } from './support/refusals.js';
import { ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, TEST_SECRET, type TestApi } from './support/test-app.js';

/**
 * Signs a token as the engine would (HS256, issuer and audience `directive-engine`, 10 minutes),
 * with whatever claims and options the case needs; an option given as `undefined` is left out.
 */
function craft(claims: object, options: jwt.SignOptions = {}, secret: string = TEST_SECRET): string {
  const merged: Record<string, unknown> = { algorithm: 'HS256', issuer: 'directive-engine', audience: 'directive-engine', subject: 'unit:rach-gia', expiresIn: 600, ...options };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return jwt.sign(claims, secret, merged as jwt.SignOptions);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Authorization headers that must each be refused with 401, and what the message must say. */
const refusedHeaders: [string, () => string | undefined, string][] = [
  ['no Authorization header', () => undefined, 'Bearer'],
  ['a Basic header instead of a Bearer one', () => 'Basic cmFjaC1naWE6c2VjcmV0', 'Bearer'],
  ['the word Bearer and no token', () => 'Bearer', 'Bearer'],
  ['a Token scheme carrying a valid token', () => `Token ${craft({ role: 'unit', unitId: 'rach-gia' })}`, 'Bearer'],
  ['a garbage token', () => 'Bearer not.a.token', 'rejected'],
  ['a token signed with another secret', () => `Bearer ${craft({ role: 'unit', unitId: 'rach-gia' }, {}, 'another-secret-that-is-long-enough-9876543210')}`, 'signature'],
  ['an expired token', () => `Bearer ${craft({ role: 'unit', unitId: 'rach-gia', exp: nowSeconds() - 60 }, { expiresIn: undefined })}`, 'expired'],
  ['a token without expiry', () => `Bearer ${craft({ role: 'unit', unitId: 'rach-gia' }, { expiresIn: undefined })}`, 'exp'],
  ['a unit token without unitId', () => `Bearer ${craft({ role: 'unit' })}`, 'unitId'],
  ['a unit token whose unitId is not a kebab-case id', () => `Bearer ${craft({ role: 'unit', unitId: 'Rach Gia' })}`, 'unitId'],
  ['a token of an unknown role', () => `Bearer ${craft({ role: 'governor' })}`, 'role'],
  ['a token without subject', () => `Bearer ${craft({ role: 'monitor' }, { subject: undefined })}`, 'sub'],
  ['a token of another issuer', () => `Bearer ${craft({ role: 'unit', unitId: 'rach-gia' }, { issuer: 'someone-else' })}`, 'issuer'],
  ['a token for another audience', () => `Bearer ${craft({ role: 'unit', unitId: 'rach-gia' }, { audience: 'someone-else' })}`, 'audience'],
  ['an unsigned token (alg none)', () => `Bearer ${jwt.sign({ role: 'unit', unitId: 'rach-gia' }, '', { algorithm: 'none', issuer: 'directive-engine', audience: 'directive-engine', subject: 'x', expiresIn: 600 })}`, 'rejected'],
];

describe('Authentication', () => {
  let api: TestApi;
  const actors = () => actorsOf(api);
  const report = { asOf: '2021-05-15', metrics: { cards_issued: 41_250 }, narrative: 'Tổ chức 12 điểm cấp CCCD lưu động' };
  const headersOf = (authorization: string | undefined): Record<string, string> => (authorization === undefined ? {} : { authorization });

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    await registerCatalogueAndDirective(api);
    await assignItem1(api);
    ok(await post(api, item1('/acknowledgements'), actors().unit('rach-gia')), 'rach-gia acknowledges');
    api.clock.set(at('2021-05-15T17:00:00'));
  });
  afterAll(() => api.close());

  describe('A command without a valid bearer token', () => {
    it.each(refusedHeaders)('answers 401 to %s, with WWW-Authenticate: Bearer, and writes nothing', async (_case, header, mention) => {
      await expectRefused(api, () => api.request('POST', item1('/progress-reports'), { body: report, headers: headersOf(header()) }), {
        status: 401,
        code: 'AUTH.UNAUTHENTICATED',
        mentions: [mention],
      });
    });

    it('is refused before its body is validated: a bad body without a token is still a 401', async () => {
      await expectRefused(api, () => api.request('POST', item1('/progress-reports'), { body: { unitId: 'kien-hai' } }), {
        status: 401,
        code: 'AUTH.UNAUTHENTICATED',
      });
    });
  });

  describe('A read without a valid bearer token', () => {
    it.each([
      ['GET', item1()],
      ['GET', item1('/events')],
      ['GET', '/directives'],
      ['GET', '/directives/126-cv-tu-2021'],
      ['GET', '/units'],
      ['GET', '/unit-groups'],
      ['GET', '/me'],
    ])('answers 401 to %s %s', async (method, path) => {
      await expectRefused(api, () => api.request(method, path), { status: 401, code: 'AUTH.UNAUTHENTICATED', mentions: ['Bearer'] });
      await expectRefused(api, () => api.request(method, path, { token: 'garbage' }), { status: 401, code: 'AUTH.UNAUTHENTICATED' });
    });
  });

  describe('The public routes', () => {
    it('answers /health without a token', async () => {
      const res = await api.request('GET', '/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', checks: { eventStore: { status: 'up' }, redis: { status: 'up' } } });
    });

    it('answers /metrics without a token, in the Prometheus text format', async () => {
      const res = await api.request('GET', '/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(String(res.body)).toContain('# HELP');
    });

    it('answers /docs-json without a token, declaring bearer authentication', async () => {
      const res = await api.request('GET', '/docs-json');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ openapi: expect.any(String), components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } });
    });

    it('ignores even a garbage token on a public route', async () => {
      expect((await api.request('GET', '/health', { token: 'garbage' })).status).toBe(200);
    });
  });

  describe('GET /me (how the web pages check a token at sign-in)', () => {
    it('answers the actor the token speaks for, exactly as commands record it', async () => {
      const unit = await api.request('GET', '/me', { token: api.token('unit', 'rach-gia', 'Thành ủy Rạch Giá') });
      expect(unit.status).toBe(200);
      expect(unit.body).toEqual({ subject: 'unit:rach-gia', role: 'unit', unitId: 'rach-gia', name: 'Thành ủy Rạch Giá' });
      const monitor = await api.request('GET', '/me', { token: api.token('monitor') });
      expect(monitor.body).toMatchObject({ role: 'monitor' });
      expect(monitor.body.unitId).toBeUndefined();
    });
  });

  describe('The same command with a valid token', () => {
    it('is recorded, in the name of the unit the token names (so the refusals above were about the token alone)', async () => {
      const token = craft({ role: 'unit', unitId: 'rach-gia' });
      const res = await api.request('POST', item1('/progress-reports'), { body: report, headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(201);
      const [reported] = (await api.stream(`item-${ITEM_1}`)).filter((e) => e.type === 'ProgressReported');
      expect(reported!.data).toMatchObject({ unitId: 'rach-gia', metrics: { cards_issued: 41_250 } });
      expect(reported!.metadata.actor).toMatchObject({ role: 'unit', unitId: 'rach-gia', subject: 'unit:rach-gia' });
    });
  });
});
