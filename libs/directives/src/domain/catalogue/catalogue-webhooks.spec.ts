import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import type { Actor } from '../shared/actor.js';
import { RoleNotAllowedError, UnitIdentityMissingError } from '../shared/domain-error.js';
import { webhookUrlProblem } from './catalogue-webhooks.js';
import type { CatalogueCommand } from './catalogue.commands.js';
import { catalogueDecider } from './catalogue.decider.js';
import {
  NotYourUnitError,
  UnitNotFoundError,
  WebhookNotFoundError,
  WebhookSecretTooWeakError,
  WebhookUrlInvalidError,
} from './catalogue.errors.js';
import type { CatalogueEvent, UnitRecord } from './catalogue.events.js';

const spec = deciderSpec(catalogueDecider);

const NOW = '2021-04-14T01:00:00.000Z';
const LATER = '2021-04-20T03:00:00.000Z';
const SECRET = 'q3bD1x2y8ZkL0mN4pR7sT9uV5wX6yZ0aB1cD2eF3gH4';
const URL_A = 'https://hooks.rach-gia.example.vn/directives';

const secretariat: Actor = { subject: 'vptu.chuyen-vien-01', role: 'secretariat' };
const admin: Actor = { subject: 'admin-01', role: 'admin' };
const rachGiaUnit: Actor = { subject: 'rach-gia.01', role: 'unit', unitId: 'rach-gia' };

const rachGia: UnitRecord = { unitId: 'rach-gia', name: 'Thành ủy Rạch Giá', kind: 'city_party_committee', tags: [] };
const haTien: UnitRecord = { unitId: 'ha-tien', name: 'Thành ủy Hà Tiên', kind: 'city_party_committee', tags: [] };
const units: CatalogueEvent[] = [rachGia, haTien].map((unit) => ({ type: 'UnitRegistered', data: { ...unit, registeredAt: NOW } }));

const register = (unitId: string, url: string, actor: Actor = secretariat, secret = SECRET, now = NOW): CatalogueCommand => ({
  type: 'RegisterUnitWebhook',
  data: { unitId, url, secret },
  actor,
  now,
});
const remove = (unitId: string, actor: Actor = secretariat): CatalogueCommand => ({ type: 'RemoveUnitWebhook', data: { unitId }, actor, now: LATER });
const registered = (unitId: string, url: string, secret = SECRET, at = NOW): CatalogueEvent => ({
  type: 'UnitWebhookRegistered',
  data: { unitId, url, secret, registeredAt: at },
});

describe('Registering a unit webhook', () => {
  it('records the URL and the secret of a registered unit', () => {
    spec.given(units).when(register('rach-gia', URL_A)).then([registered('rach-gia', URL_A)]);
  });

  it('accepts plain http (a receiver on the provincial network)', () => {
    spec.given(units).when(register('ha-tien', 'http://10.20.0.7:8080/hook')).then([registered('ha-tien', 'http://10.20.0.7:8080/hook')]);
  });

  it.each<[string, Actor]>([
    ['the unit itself', rachGiaUnit],
    ['an administrator', admin],
  ])('may be done by %s', (_who, actor) => {
    spec.given(units).when(register('rach-gia', URL_A, actor)).then([registered('rach-gia', URL_A)]);
  });

  it('replaces an earlier webhook, with the new secret', () => {
    const rotated = 'Z'.repeat(43);
    spec
      .given([...units, registered('rach-gia', URL_A)])
      .when(register('rach-gia', 'https://new.example.vn/h', secretariat, rotated, LATER))
      .then([registered('rach-gia', 'https://new.example.vn/h', rotated, LATER)]);
  });

  it('is refused to another unit', () => {
    const haTienUnit: Actor = { subject: 'ha-tien.01', role: 'unit', unitId: 'ha-tien' };
    spec
      .given(units)
      .when(register('rach-gia', URL_A, haTienUnit))
      .thenThrows(NotYourUnitError, { code: 'WEBHOOK.NOT_YOUR_UNIT', category: 'forbidden', details: { unitId: 'rach-gia', actorUnitId: 'ha-tien' } });
  });

  it('is refused to a unit token that names no unit', () => {
    spec.given(units).when(register('rach-gia', URL_A, { subject: 'x', role: 'unit' })).thenThrows(UnitIdentityMissingError);
  });

  it('is refused to a monitor', () => {
    spec.given(units).when(register('rach-gia', URL_A, { subject: 'm', role: 'monitor' })).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('refuses a unit that is not in the catalogue', () => {
    spec.given(units).when(register('kien-hai', URL_A)).thenThrows(UnitNotFoundError, { code: 'UNIT.NOT_FOUND', field: 'unitId' });
  });

  it.each([
    ['ftp://files.example.vn/drop', 'must use http or https'],
    ['javascript:alert(1)', 'must use http or https'],
    ['/relative/path', 'must be an absolute http or https URL'],
    ['https://user:pass@example.vn/h', 'must not carry a user name or password'],
    [`https://example.vn/${'a'.repeat(2000)}`, 'must be at most 2000 characters'],
  ])('refuses %s as a validation error naming url', (url, problem) => {
    spec.given(units).when(register('rach-gia', url)).thenThrows(WebhookUrlInvalidError, { code: 'WEBHOOK.URL_INVALID', category: 'validation', field: 'url', message: `url ${problem}` });
  });

  it('refuses a secret shorter than 32 characters', () => {
    spec.given(units).when(register('rach-gia', URL_A, secretariat, 'short')).thenThrows(WebhookSecretTooWeakError, { field: 'secret' });
  });
});

describe('Removing a unit webhook', () => {
  const withHook = [...units, registered('rach-gia', URL_A)];

  it('records the removal', () => {
    spec.given(withHook).when(remove('rach-gia', rachGiaUnit)).then([{ type: 'UnitWebhookRemoved', data: { unitId: 'rach-gia', removedAt: LATER } }]);
  });

  it('refuses a unit without a webhook, even after a removal', () => {
    spec.given(units).when(remove('ha-tien')).thenThrows(WebhookNotFoundError, { code: 'WEBHOOK.NOT_FOUND', field: 'unitId' });
    spec
      .given([...withHook, { type: 'UnitWebhookRemoved', data: { unitId: 'rach-gia', removedAt: LATER } }])
      .when(remove('rach-gia'))
      .thenThrows(WebhookNotFoundError);
  });

  it('is refused to another unit', () => {
    spec.given(withHook).when(remove('rach-gia', { subject: 'h', role: 'unit', unitId: 'ha-tien' })).thenThrows(NotYourUnitError);
  });
});

describe('The catalogue state', () => {
  const fold = (events: CatalogueEvent[]) => events.reduce(catalogueDecider.evolve, catalogueDecider.initialState());

  it('keeps each unit’s current webhook apart from the units themselves', () => {
    const state = fold([...units, registered('rach-gia', URL_A), registered('rach-gia', 'https://b.example.vn/', 'S'.repeat(43), LATER)]);
    expect(state.webhooks.get('rach-gia')).toStrictEqual({ url: 'https://b.example.vn/', secret: 'S'.repeat(43), registeredAt: LATER });
    expect(JSON.stringify([...state.units.values()])).not.toContain('S'.repeat(43));
  });

  it('forgets a removed webhook', () => {
    const state = fold([...units, registered('rach-gia', URL_A), { type: 'UnitWebhookRemoved', data: { unitId: 'rach-gia', removedAt: LATER } }]);
    expect(state.webhooks.has('rach-gia')).toBe(false);
  });
});

describe('The webhook URL rule', () => {
  it.each([
    ['https://example.vn/h', undefined],
    [42, 'must be a string'],
    ['mailto:vp@example.vn', 'must use http or https'],
  ])('%p → %p', (url, problem) => {
    expect(webhookUrlProblem(url)).toBe(problem);
  });
});
