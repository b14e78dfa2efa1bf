import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actorsOf, assignItem1, at, item1, ok, post, type Actors } from './support/campaign.js';
import { expectRefused, fieldRules } from './support/refusals.js';
import { directiveSeed, ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

type Who = 'secretariat' | 'monitor' | 'rach-gia';
const d = directiveSeed.directive as Record<string, any>;
/** A directive that could be registered: a new id and number, the items of 126-CV/TU. */
const newDirective = (changes: Record<string, unknown> = {}) => ({ ...d, id: '127-cv-tu-2021', number: '127-CV/TU', ...changes });

describe('Bad input', () => {
  let api: TestApi;
  let actors: Actors;
  let extension = '';
  const tokenOf = (who: Who) => (who === 'rach-gia' ? actors.unit('rach-gia') : actors[who]());

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    actors = actorsOf(api);
    await registerCatalogueAndDirective(api);
    await assignItem1(api);
    ok(await post(api, item1('/acknowledgements'), actors.unit('rach-gia')), 'rach-gia acknowledges');
    api.clock.set(at('2021-05-15T17:00:00'));
    extension = ok(await post(api, item1('/extension-requests'), actors.unit('rach-gia'), { requestedDeadline: '2021-07-15', reason: 'Ngư dân đi biển' }), 'extension').body.id;
  });
  afterAll(() => api.close());

  describe('A malformed body', () => {
    it('answers 400 naming every field and rule, and writes nothing', async () => {
      const body = { asOf: '2021-02-30', metrics: { cards_issued: -5 }, unitId: 'kien-hai' };
      const res = await expectRefused(api, () => post(api, item1('/progress-reports'), actors.unit('rach-gia'), body), {
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [
          { field: 'unitId', rule: 'whitelistValidation' },
          { field: 'asOf', rule: 'isDateOnly' },
          { field: 'metrics.cards_issued', rule: 'isMetricValues' },
          { field: 'narrative', rule: 'isText' },
        ],
        mentions: ['metrics.cards_issued', 'unitId is not a field of this request', 'calendar date', 'narrative is required'],
      });
      expect(fieldRules(res)).toEqual(['asOf/isDateOnly', 'metrics.cards_issued/isMetricValues', 'narrative/isText', 'unitId/whitelistValidation']);
      for (const e of res.body.errors) expect(e.message.startsWith(e.field)).toBe(true);
    });

    it('refuses a body that chooses the unit, even when all else is valid: the actor comes from the token', async () => {
      const body = { asOf: '2021-05-15', metrics: { cards_issued: 40_000 }, narrative: 'Báo cáo thay Kiên Hải', unitId: 'kien-hai' };
      const res = await expectRefused(api, () => post(api, item1('/progress-reports'), actors.unit('rach-gia'), body), {
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [{ field: 'unitId', rule: 'whitelistValidation' }],
      });
      expect(fieldRules(res)).toEqual(['unitId/whitelistValidation']);
    });

    it('names nested fields of a registration by their path, and issues nothing', async () => {
      const body = newDirective({
        extra: true,
        signer: { title: 'Phó Bí thư Thường trực', phone: '0297' },
        items: [{ ...d.items[0], deadline: '2021-06-31', targets: [{ metric: 'cards_issued', value: -1 }] }, { ...d.items[1], duties: [{ code: 'Tuyên truyền', description: 'x' }] }],
      });
      const res = await expectRefused(api, () => post(api, '/directives', actors.secretariat(), body), {
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [
          { field: 'extra', rule: 'whitelistValidation' },
          { field: 'signer.phone', rule: 'whitelistValidation' },
          { field: 'signer.name', rule: 'isText' },
          { field: 'items[0].deadline', rule: 'isDateOnly' },
          { field: 'items[0].targets[0].value', rule: 'min' },
          { field: 'items[1].duties[0].code', rule: 'matches' },
        ],
      });
      expect(fieldRules(res).filter((r) => !r.startsWith('signer.name/'))).toEqual([
        'extra/whitelistValidation', 'items[0].deadline/isDateOnly', 'items[0].targets[0].value/min', 'items[1].duties[0].code/matches', 'signer.phone/whitelistValidation',
      ]);
      expect(await api.stream('item-127-cv-tu-2021.1')).toEqual([]);
    });

    /** [route, who, body, the field/rule pairs expected]. */
    const wrongTypes: [string, Who, () => string, unknown, string[]][] = [
      ['an acknowledgement note that is a number', 'rach-gia', () => item1('/acknowledgements'), { note: 42 }, ['note/isText']],
      ['assignees that are a string', 'secretariat', () => item1('/assignments'), { assignees: 'rach-gia' }, ['assignees/isArray']],
      ['no assignee at all', 'secretariat', () => item1('/assignments'), { assignees: [] }, ['assignees/arrayMinSize']],
      ['an assignee that is null', 'secretariat', () => item1('/assignments'), { assignees: [null] }, ['assignees[0]/nestedValidation']],
      ['an unknown assignment role and a foreign date format', 'secretariat', () => item1('/assignments'), { assignees: [{ unitId: 'rach-gia', role: 'boss' }], deadline: '30/06/2021' }, ['assignees[0].role/isOneOf', 'deadline/isDateOnly']],
      ['an assignee naming a unit and a group', 'secretariat', () => item1('/assignments'), { assignees: [{ unitId: 'rach-gia', groupId: 'district-party-committees', role: 'lead' }] }, ['assignees[0].groupId/notWith']],
      ['metric values given as strings', 'rach-gia', () => item1('/progress-reports'), { asOf: '2021-05-15', metrics: { cards_issued: '41250' }, narrative: 'x' }, ['metrics.cards_issued/isMetricValues']],
      ['metric names that are not snake_case', 'rach-gia', () => item1('/progress-reports'), { asOf: '2021-05-15', metrics: { 'Cards Issued': 1 }, narrative: 'x' }, ['metrics/isMetricValues']],
      ['a date given as a number and a narrative too long', 'rach-gia', () => item1('/progress-reports'), { asOf: 20210515, narrative: 'x'.repeat(10_001) }, ['asOf/isDateOnly', 'narrative/isText']],
      ['a blank blocker description', 'rach-gia', () => item1('/blockers'), { description: '   ' }, ['description/isText']],
      ['a decision that is neither approve nor reject', 'secretariat', () => item1(`/extension-requests/${extension}/decision`), { decision: 'maybe', grantedDeadline: '15/07/2021' }, ['decision/isOneOf', 'grantedDeadline/isDateOnly']],
      ['a review naming a unit that is not an id', 'monitor', () => item1('/completion-review'), { unitId: 'Rach Gia', decision: 'accept' }, ['unitId/isSlug']],
      ['a commendation without nominee', 'monitor', () => item1('/commendations'), { reason: 'Xuất sắc' }, ['nominee/isDefined']],
      ['a commendation of an unknown kind', 'monitor', () => item1('/commendations'), { nominee: { kind: 'group', name: 'Tổ cấp CCCD' }, reason: 'Xuất sắc' }, ['nominee.kind/isOneOf']],
      ['a closing outcome that does not exist', 'secretariat', () => item1('/close'), { outcome: 'done' }, ['outcome/isOneOf']],
    ];

    it.each(wrongTypes)('answers 400 to %s, naming each field and rule, and writes nothing', async (_case, who, path, body, pairs) => {
      const errors = pairs.map((p) => ({ field: p.slice(0, p.lastIndexOf('/')), rule: p.slice(p.lastIndexOf('/') + 1) }));
      await expectRefused(api, () => post(api, path(), tokenOf(who), body), { status: 400, code: 'REQUEST.VALIDATION_FAILED', errors });
    });

    it('answers 400 to an assignee naming neither unit nor group, naming assignees[0].unitId (not a 404 for unit "undefined")', async () => {
      const res = await expectRefused(api, () => post(api, item1('/assignments'), actors.secretariat(), { assignees: [{ role: 'lead' }] }), {
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
      });
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'assignees[0].unitId' }));
      expect(res.body.message).not.toContain('undefined');
    });

    it('answers 400 to a bad history query, naming each parameter and rule', async () => {
      const res = await expectRefused(api, () => api.request('GET', item1('/events?limit=0&fromRevision=-1&sort=desc'), { token: actors.monitor() }), {
        status: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [{ field: 'limit', rule: 'min' }, { field: 'fromRevision', rule: 'min' }, { field: 'sort', rule: 'whitelistValidation' }],
      });
      expect(fieldRules(res)).toEqual(['fromRevision/min', 'limit/min', 'sort/whitelistValidation']);
    });
  });

  describe('A well-formed body that the domain finds invalid', () => {
    const cases: [string, Who, () => string, unknown, string, string][] = [
      ['an asOf in the future of the clock', 'rach-gia', () => item1('/progress-reports'), { asOf: '2021-05-16', narrative: 'Báo cáo sớm' }, 'ITEM.INVALID_DATE', 'asOf'],
      ['an asOf before the item was issued', 'rach-gia', () => item1('/progress-reports'), { asOf: '2021-04-13', narrative: 'Báo cáo' }, 'ITEM.INVALID_DATE', 'asOf'],
      ['an assignment deadline already past', 'secretariat', () => item1('/assignments'), { assignees: [{ unitId: 'phu-quoc', role: 'lead' }], deadline: '2021-05-14' }, 'ITEM.INVALID_DATE', 'deadline'],
      ['a rejection without a note', 'secretariat', () => item1(`/extension-requests/${extension}/decision`), { decision: 'reject' }, 'ITEM.REASON_REQUIRED', 'note'],
      ['a granted deadline already past', 'secretariat', () => item1(`/extension-requests/${extension}/decision`), { decision: 'approve', grantedDeadline: '2021-05-01' }, 'ITEM.INVALID_DATE', 'grantedDeadline'],
      ['a cancellation without a note', 'secretariat', () => item1('/close'), { outcome: 'cancelled' }, 'ITEM.REASON_REQUIRED', 'note'],
      ['a directive issued in the future', 'secretariat', () => '/directives', newDirective({ issuedOn: '2021-05-16' }), 'DIRECTIVE.ISSUED_IN_FUTURE', 'issuedOn'],
      ['an item due before the directive was issued', 'secretariat', () => '/directives', newDirective({ items: [{ ...d.items[0], deadline: '2021-04-13' }] }), 'DIRECTIVE.DEADLINE_BEFORE_ISSUE', 'items[0].deadline'],
      ['an item of a new directive due before today (its issuing would fail half-way)', 'secretariat', () => '/directives', newDirective({ items: [{ ...d.items[0], deadline: '2021-05-14' }] }), 'ITEM.INVALID_DATE', 'items[0].deadline'],
      ['two items with the same number', 'secretariat', () => '/directives', newDirective({ items: [d.items[0], d.items[0]] }), 'DIRECTIVE.DUPLICATE_ITEM_NUMBER', 'items[1].number'],
    ];

    it.each(cases)('answers 400 to %s, naming the field, and writes nothing', async (_case, who, path, body, code, field) => {
      await expectRefused(api, () => post(api, path(), tokenOf(who), body), { status: 400, code, field, mentions: [field] });
    });

    it('answers 400 EXTENSION.NOT_LATER when the extension asked for is not later than the deadline', async () => {
      await post(api, item1(`/extension-requests/${extension}/decision`), actors.secretariat(), { decision: 'reject', note: 'Chưa đủ căn cứ' });
      await expectRefused(api, () => post(api, item1('/extension-requests'), actors.unit('rach-gia'), { requestedDeadline: '2021-06-30', reason: 'Xin thêm' }), {
        status: 400,
        code: 'EXTENSION.NOT_LATER',
        field: 'requestedDeadline',
        mentions: ['2021-06-30'],
      });
    });
  });

  describe('A malformed path id', () => {
    it('lets a well-formed item id of 101 to 128 characters through to the domain: 404 ITEM.NOT_FOUND, in the one error shape', async () => {
      const long = `${'a'.repeat(120)}.1`;
      await expectRefused(api, () => api.request('GET', `/items/${long}`, { token: actors.monitor() }), { status: 404, code: 'ITEM.NOT_FOUND', field: 'itemId', mentions: [long] });
    });

    const cases: [string, Who, string, unknown, string][] = [
      ['an item id with spaces', 'rach-gia', '/items/NOT%20AN%20ID/progress-reports', { asOf: '2021-05-15', narrative: 'x' }, 'itemId'],
      ['an item id in capitals', 'monitor', '/items/126-CV-TU-2021.1', undefined, 'itemId'],
      ['an item id of 129 characters (one over the limit)', 'monitor', `/items/${'a'.repeat(129)}/events`, undefined, 'itemId'],
      ['a requestId that is not a UUID', 'secretariat', `/items/${ITEM_1}/extension-requests/123/decision`, { decision: 'approve' }, 'requestId'],
      ['a requestId in capitals', 'secretariat', `/items/${ITEM_1}/extension-requests/0192F4C6-5B1E-7C3A-9D2E-1A2B3C4D5E6F/decision`, { decision: 'approve' }, 'requestId'],
      ['a reportId that is not a UUID', 'rach-gia', `/items/${ITEM_1}/progress-reports/last/corrections`, { metrics: { cards_issued: 1 }, reason: 'x' }, 'reportId'],
      ['a blockerId that is not a UUID', 'secretariat', `/items/${ITEM_1}/blockers/1/resolution`, { resolution: 'x' }, 'blockerId'],
      ['a directive id with underscores', 'monitor', '/directives/126_cv_tu_2021', undefined, 'directiveId'],
    ];

    it.each(cases)('answers 400 to %s, naming the parameter, and writes nothing', async (_case, who, path, body, param) => {
      const send = () => (body === undefined ? api.request('GET', path, { token: tokenOf(who) }) : post(api, path, tokenOf(who), body));
      const res = await expectRefused(api, send, { status: 400, code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: param, rule: 'matches' }], mentions: [param, 'malformed'] });
      expect(fieldRules(res)).toEqual([`${param}/matches`]);
    });
  });
});
