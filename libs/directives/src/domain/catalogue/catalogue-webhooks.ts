import type { Actor } from '../shared/actor.js';
import { UnitIdentityMissingError } from '../shared/domain-error.js';
import { requireRole } from '../shared/permissions.js';
import type { RegisterUnitWebhook, RemoveUnitWebhook } from './catalogue.commands.js';
import type { CatalogueState } from './catalogue.decider.js';
import {
  NotYourUnitError,
  UnitNotFoundError,
  WebhookNotFoundError,
  WebhookSecretTooWeakError,
  WebhookUrlInvalidError,
} from './catalogue.errors.js';
import type { UnitWebhookRegistered, UnitWebhookRemoved } from './catalogue.events.js';

export const WEBHOOK_URL_MAX_LENGTH = 2000;
export const WEBHOOK_SECRET_MIN_LENGTH = 32;

/** A unit's webhook as the catalogue state keeps it. */
export interface UnitWebhook {
  readonly url: string;
  readonly secret: string;
  readonly registeredAt: string;
}

/**
 * What is wrong with a webhook URL, or nothing when the engine can post to it. Shared by the API's
 * request validation and the decider, so both refuse the same URLs. URLs carrying credentials are
 * refused because `fetch` will not send a request to them.
 */
export function webhookUrlProblem(url: unknown): string | undefined {
  if (typeof url !== 'string') return 'must be a string';
  if (url.length > WEBHOOK_URL_MAX_LENGTH) return `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must use http or https';
  if (parsed.username !== '' || parsed.password !== '') return 'must not carry a user name or password';
  return undefined;
}

/**
 * Throws unless the actor may manage the webhook of `unitId`: the secretariat and administrators
 * any unit's, a unit its own only. The API applies it to reads as well, since the URL may be private.
 */
export function requireWebhookManager(actor: Actor, unitId: string): void {
  requireRole(actor, ['secretariat', 'admin', 'unit'], 'manage a unit webhook');
  if (actor.role !== 'unit') return;
  if (!actor.unitId) throw new UnitIdentityMissingError();
  if (actor.unitId !== unitId) throw new NotYourUnitError(unitId, actor.unitId);
}

export function decideRegisterWebhook(command: RegisterUnitWebhook, state: CatalogueState): UnitWebhookRegistered[] {
  const { unitId, url, secret } = command.data;
  requireWebhookManager(command.actor, unitId);
  if (!state.units.has(unitId)) throw new UnitNotFoundError(unitId);
  const problem = webhookUrlProblem(url);
  if (problem) throw new WebhookUrlInvalidError(problem);
  if (typeof secret !== 'string' || secret.length < WEBHOOK_SECRET_MIN_LENGTH) throw new WebhookSecretTooWeakError(WEBHOOK_SECRET_MIN_LENGTH);
  return [{ type: 'UnitWebhookRegistered', data: { unitId, url, secret, registeredAt: command.now } }];
}

export function decideRemoveWebhook(command: RemoveUnitWebhook, state: CatalogueState): UnitWebhookRemoved[] {
  const { unitId } = command.data;
  requireWebhookManager(command.actor, unitId);
  if (!state.units.has(unitId)) throw new UnitNotFoundError(unitId);
  if (!state.webhooks.has(unitId)) throw new WebhookNotFoundError(unitId);
  return [{ type: 'UnitWebhookRemoved', data: { unitId, removedAt: command.now } }];
}
