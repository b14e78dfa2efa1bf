import type { DomainEvent } from '../shared/decider.js';
import type { Duty, Target } from '../item/item.events.js';
import type { ReminderPolicy } from './reminder-policy.js';

export interface DirectiveHeader {
  /** Issuing body, e.g. "Tỉnh ủy Kiên Giang — Ban Thường vụ Tỉnh ủy". */
  readonly issuer: string;
  /** Document number as printed, e.g. "126-CV/TU". */
  readonly number: string;
  /** Issue date (calendar date in +07). */
  readonly issuedOn: string;
  readonly place?: string;
  readonly subject: string;
  readonly signer: { readonly name: string; readonly title: string };
  readonly addressees: readonly string[];
  readonly legalBasis: readonly string[];
}

/** Who follows the directive and to whom they report (the directive's own monitoring clause). */
export interface MonitoringArrangement {
  readonly leadUnitId: string;
  readonly withUnitIds: readonly string[];
  readonly reportsTo: string;
}

/**
 * An item as the directive defines it. The registration keeps the whole definition, so that an
 * item whose issuing was interrupted can be issued later from the directive alone.
 */
export interface DirectiveItemDefinition {
  readonly itemId: string;
  readonly number: number;
  readonly title: string;
  readonly text: string;
  readonly duties: readonly Duty[];
  readonly targets: readonly Target[];
  /** Calendar date in +07. */
  readonly deadline: string;
  readonly focusAreas: readonly string[];
}

export interface DirectiveRecord {
  readonly directiveId: string;
  readonly header: DirectiveHeader;
  readonly monitoring?: MonitoringArrangement;
  readonly items: readonly DirectiveItemDefinition[];
}

export type DirectiveRegistered = DomainEvent<'DirectiveRegistered', DirectiveRecord & { registeredAt: string }>;

/** The secretariat set a directive's reminder policy; it replaces any earlier one. */
export type ReminderPolicySet = DomainEvent<'ReminderPolicySet', {
  directiveId: string;
  policy: ReminderPolicy;
  setAt: string;
}>;

export type DirectiveRegistryEvent = DirectiveRegistered | ReminderPolicySet;
