import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actorsOf, assignItem1, at, item1, ok, post, type Actors } from './support/campaign.js';
import { expectRefused, fieldRules, markStore } from './support/refusals.js';
import { ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

/** The default of HTTP_BODY_LIMIT_BYTES (libs/platform/src/config.ts). */
const BODY_LIMIT = 256 * 1024;

describe('Requests the HTTP layer refuses', () => {
  let api: TestApi;
  let actors: Actors;
  const rachGia = () => actors.unit('rach-gia');
  const report = (cards: number, narrative = 'Tổ chức điểm cấp CCCD lưu động') => ({ asOf: '2021-05-15', metrics: { cards_issued: cards }, narrative });
  const raw = (path: string, rawBody: string, contentType: string) => api.request('POST', path, { token: rachGia(), rawBody, headers: { 'content-type': contentType } });
  /** A JSON report whose serialised size is exactly `bytes`. */
  const reportOfSize = (bytes: number) => {
    const empty = JSON.stringify(report(1, '')).length;
    return JSON.stringify(report(1, 'x'.repeat(bytes - empty)));
  };

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    actors = actorsOf(api);
    await registerCatalogueAndDirective(api);
    await assignItem1(api);
    ok(await post(api, item1('/acknowledgements'), rachGia()), 'rach-gia acknowledges');
    api.clock.set(at('2021-05-15T17:00:00'));
  });
  afterAll(() => api.close());

  describe('A body that is not JSON', () => {
    it('answers 400 REQUEST.MALFORMED_JSON to invalid JSON, and writes nothing', async () => {
      await expectRefused(api, () => raw(item1('/progress-reports'), '{"asOf": "2021-05-15", "narrative": ', 'application/json'), {
        status: 400,
        code: 'REQUEST.MALFORMED_JSON',
        mentions: ['JSON'],
      });
    });

    it('answers 400 REQUEST.EMPTY_BODY to an empty body declared as JSON, and writes nothing', async () => {
      await expectRefused(api, () => raw(item1('/acknowledgements'), '', 'application/json'), { status: 400, code: 'REQUEST.EMPTY_BODY' });
    });

    it.each([
      ['an array', '[]'],
      ['a string', '"Đã tiếp nhận"'],
      ['a number', '42'],
      ['a boolean', 'true'],
    ])('answers 400 naming the body when the JSON is %s instead of an object, and writes nothing', async (_what, json) => {
      const res = await expectRefused(api, () => raw(item1('/acknowledgements'), json, 'application/json'), {
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [{ field: 'body', rule: 'isObject' }],
      });
      expect(fieldRules(res)).toEqual(['body/isObject']);
    });
  });

  describe('A body of another media type', () => {
    it.each([
      ['application/xml', '<report><asOf>2021-05-15</asOf></report>'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="asOf"\r\n\r\n2021-05-15\r\n--x--\r\n'],
    ])('answers 415 REQUEST.UNSUPPORTED_MEDIA_TYPE to %s, and writes nothing', async (type, body) => {
      await expectRefused(api, () => raw(item1('/progress-reports'), body, type), { status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
    });

    it('answers 400 naming the body to text/plain (Fastify reads it as a string, which is not an object), and writes nothing', async () => {
      const res = await expectRefused(api, () => raw(item1('/acknowledgements'), JSON.stringify({ note: 'Đã tiếp nhận' }), 'text/plain'), {
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [{ field: 'body', rule: 'isObject' }],
      });
      expect(fieldRules(res)).toEqual(['body/isObject']);
    });

    it('validates a form-encoded body like a JSON one: unknown fields named, nothing written', async () => {
      const res = await expectRefused(api, () => raw(item1('/progress-reports'), 'asOf=2021-05-15&narrative=x&unitId=kien-hai', 'application/x-www-form-urlencoded'), {
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [{ field: 'unitId', rule: 'whitelistValidation' }],
      });
      expect(fieldRules(res)).toEqual(['unitId/whitelistValidation']);
    });
  });

  describe('A body over the size limit', () => {
    it(`answers 413 REQUEST.BODY_TOO_LARGE to a body one byte over ${BODY_LIMIT} bytes, and writes nothing`, async () => {
      await expectRefused(api, () => raw(item1('/progress-reports'), reportOfSize(BODY_LIMIT + 1), 'application/json'), {
        status: 413,
        code: 'REQUEST.BODY_TOO_LARGE',
      });
    });

    it('answers 413 to a body of a megabyte even without a token, and writes nothing', async () => {
      await expectRefused(api, () => api.request('POST', item1('/progress-reports'), { rawBody: reportOfSize(1024 * 1024), headers: { 'content-type': 'application/json' } }), {
        status: 413,
        code: 'REQUEST.BODY_TOO_LARGE',
      });
    });

    it('reads a body exactly at the limit, and then refuses it for what it says (400 narrative/isText), not for its size', async () => {
      const res = await expectRefused(api, () => raw(item1('/progress-reports'), reportOfSize(BODY_LIMIT), 'application/json'), {
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [{ field: 'narrative', rule: 'isText' }],
      });
      expect(fieldRules(res)).toEqual(['narrative/isText']);
    });
  });

  describe('A malformed Idempotency-Key header', () => {
    it.each([
      ['300 characters long', 'k'.repeat(300)],
      ['containing spaces', 'bao cao thang 5'],
      ['empty', ''],
    ])('answers 400 REQUEST.INVALID_IDEMPOTENCY_KEY to a key %s, naming the header, and writes nothing', async (_what, key) => {
      const res = await expectRefused(api, () => post(api, item1('/progress-reports'), rachGia(), report(41_250), { 'idempotency-key': key }), {
        status: 400,
        code: 'REQUEST.INVALID_IDEMPOTENCY_KEY',
        errors: [{ field: 'Idempotency-Key', rule: 'format' }],
        mentions: ['255'],
      });
      expect(fieldRules(res)).toEqual(['Idempotency-Key/format']);
    });

    it('accepts a key of exactly 255 visible characters (so the refusals above were about the key)', async () => {
      const res = await post(api, item1('/progress-reports'), rachGia(), report(41_250), { 'idempotency-key': 'k'.repeat(255) });
      expect(res.status).toBe(201);
    });
  });

  describe('An Idempotency-Key reused for another request', () => {
    const key = 'rach-gia-2021-05-15-report';

    it('stores the first request once, and answers its replay without writing anything more', async () => {
      const first = await post(api, item1('/progress-reports'), rachGia(), report(50_000), { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const before = await markStore(api);
      const replay = await post(api, item1('/progress-reports'), rachGia(), report(50_000), { 'idempotency-key': key });
      expect(replay.body).toMatchObject({ replayed: true, id: first.body.id, revision: first.body.revision });
      expect(await markStore(api)).toEqual(before);
    });

    it('answers 422 REQUEST.IDEMPOTENCY_KEY_REUSED to the same key with another body, naming the header, and writes nothing', async () => {
      await expectRefused(api, () => post(api, item1('/progress-reports'), rachGia(), report(60_000), { 'idempotency-key': key }), {
        status: 422,
        code: 'REQUEST.IDEMPOTENCY_KEY_REUSED',
        field: 'Idempotency-Key',
        mentions: [key],
      });
    });

    it('answers 422 to the same key on another route of the same unit, and writes nothing', async () => {
      await expectRefused(api, () => post(api, item1('/blockers'), rachGia(), { description: 'Thiếu thiết bị' }, { 'idempotency-key': key }), {
        status: 422,
        code: 'REQUEST.IDEMPOTENCY_KEY_REUSED',
        field: 'Idempotency-Key',
      });
    });

    it('kept the figures of the first request only', async () => {
      const reports = (await api.stream(`item-${ITEM_1}`)).filter((e) => e.type === 'ProgressReported').map((e) => (e.data as { metrics: object }).metrics);
      expect(reports).toEqual([{ cards_issued: 41_250 }, { cards_issued: 50_000 }]);
    });
  });
});
