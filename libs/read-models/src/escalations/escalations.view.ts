import type { EscalationDoc } from './escalations.document.js';

const HOUR_MS = 60 * 60 * 1000;

export interface EscalationView extends Omit<EscalationDoc, 'seen'> {
  readonly status: 'open' | 'resolved';
  /** Whole hours (and whole days of 24 h) from the first raise to `now`. */
  readonly ageHours: number;
  readonly ageDays: number;
  /** Whole hours (and days) from the first raise to the resolution; `null` while open. */
  readonly durationHours: number | null;
  readonly durationDays: number | null;
}

export interface EscalationList {
  readonly asAt: string;
  readonly open: number;
  readonly resolved: number;
  /** Open first; then highest level; then oldest raise first. */
  readonly escalations: EscalationView[];
}

export interface EscalationFilter {
  readonly directiveId?: string;
  readonly itemId?: string;
  readonly unitId?: string;
}

/**
 * Every escalation at `now` (UTC ISO), with its age and, once resolved, how long it stayed open.
 * Ages are elapsed time, not calendar days: who must act is measured in hours. The documents are
 * taken as they stand: for the escalations as they were on a past date, replay the log up to it.
 */
export function escalationsView(docs: readonly EscalationDoc[], now: string, filter: EscalationFilter = {}): EscalationList {
  const escalations = docs
    .filter((doc) => matches(doc, filter))
    .map((doc) => escalationView(doc, now))
    .sort(byUrgency);
  const open = escalations.filter((e) => e.status === 'open').length;
  return { asAt: now, open, resolved: escalations.length - open, escalations };
}

/** One escalation at `now`. */
export function escalationView(doc: EscalationDoc, now: string): EscalationView {
  const { seen: _seen, ...fields } = doc;
  const { resolvedAt } = doc;
  const ageHours = hoursBetween(doc.raisedAt, now);
  const durationHours = resolvedAt ? hoursBetween(doc.raisedAt, resolvedAt) : null;
  return {
    ...fields,
    status: resolvedAt ? 'resolved' : 'open',
    ageHours,
    ageDays: Math.floor(ageHours / 24),
    durationHours,
    durationDays: durationHours === null ? null : Math.floor(durationHours / 24),
  };
}

function byUrgency(a: EscalationView, b: EscalationView): number {
  const openFirst = Number(a.status === 'resolved') - Number(b.status === 'resolved');
  return openFirst || b.level - a.level || a.raisedAt.localeCompare(b.raisedAt) || `${a.itemId}:${a.escalationId}`.localeCompare(`${b.itemId}:${b.escalationId}`);
}

function matches(doc: EscalationDoc, f: EscalationFilter): boolean {
  return (!f.directiveId || doc.directiveId === f.directiveId) && (!f.itemId || doc.itemId === f.itemId) && (!f.unitId || doc.unitId === f.unitId);
}

function hoursBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / HOUR_MS));
}
