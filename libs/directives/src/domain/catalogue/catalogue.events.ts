import type { DomainEvent } from '../shared/decider.js';

/**
 * The unit catalogue: the bodies that receive assignments and the groups they are assigned
 * through ("all district party committees"). It is data the secretariat manages, held in one
 * stream (`catalogue-units`) so that ids stay unique and references stay valid.
 */
export const UNIT_KINDS = [
  'provincial_party_committee',
  'standing_committee',
  'party_office',
  'party_cadre_committee',
  'party_committee',
  'party_delegation',
  'fatherland_front',
  'socio_political_organisation',
  'city_party_committee',
  'district_party_committee',
  'department',
  'other',
] as const;

export type UnitKind = (typeof UNIT_KINDS)[number];

export interface UnitRecord {
  readonly unitId: string;
  /** Official name in Vietnamese. */
  readonly name: string;
  readonly nameEn?: string;
  readonly kind: UnitKind;
  readonly parentId?: string;
  /** Free tags, e.g. `island`, `border`, `remote` (item 3 asks for solutions fitted to them). */
  readonly tags: readonly string[];
}

export interface UnitGroupRecord {
  readonly groupId: string;
  readonly name: string;
  readonly nameEn?: string;
  readonly description?: string;
  readonly memberIds: readonly string[];
}

export type UnitRegistered = DomainEvent<'UnitRegistered', UnitRecord & { registeredAt: string }>;
export type UnitGroupDefined = DomainEvent<'UnitGroupDefined', UnitGroupRecord & { definedAt: string }>;

/**
 * Where a unit wants its notices posted, and the secret they are signed with. The secret is part of
 * the event (the worker needs it to sign), so catalogue views must never pass this record on whole.
 */
export interface UnitWebhookRecord {
  readonly unitId: string;
  /** An absolute http(s) URL of at most 2000 characters, without credentials. */
  readonly url: string;
  readonly secret: string;
}

export type UnitWebhookRegistered = DomainEvent<'UnitWebhookRegistered', UnitWebhookRecord & { registeredAt: string }>;
export type UnitWebhookRemoved = DomainEvent<'UnitWebhookRemoved', { unitId: string; removedAt: string }>;

export type CatalogueEvent = UnitRegistered | UnitGroupDefined | UnitWebhookRegistered | UnitWebhookRemoved;
