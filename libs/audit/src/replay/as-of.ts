import { vnDate } from '#directives';
import type { RecordedEvent } from '#event-store';

/**
 * What an as-of question asks about an instant T:
 * - `recorded`: what was known at T, the events recorded at or before T (corrections made later
 *   are not there yet: this is what the Standing Committee saw);
 * - `current`: what is known now about T, every event recorded at or before T plus the figures
 *   about dates up to T reported or corrected since (a correction never rewrites what was seen,
 *   it changes what we now know).
 */
export const KNOWLEDGE_MODES = ['recorded', 'current'] as const;
export type Knowledge = (typeof KNOWLEDGE_MODES)[number];

/** An instant (UTC ISO-8601) and the knowledge asked about it. */
export interface AsOf {
  readonly at: string;
  readonly knowledge: Knowledge;
}

/** An item asked as of an instant, or as of one of its revisions (every event up to it, whenever recorded). */
export type ItemPoint = AsOf | { readonly revision: number };

/** A point given by revision (no instant, hence no knowledge to choose). */
export const isRevisionPoint = (point: ItemPoint): point is { readonly revision: number } => 'revision' in point;

/** Progress figures: the only facts `knowledge=current` takes from after T, by the date they stand at. */
export const FIGURE_EVENT_TYPES: ReadonlySet<string> = new Set(['ProgressReported', 'ProgressReportCorrected']);

/** Recorded at or before `at`. Within a stream this holds for a prefix: its events are decided in order, each at the clock's now. */
export const recordedBy = (event: RecordedEvent, at: string): boolean => event.metadata.recordedAt <= at;

/**
 * A figure recorded after `at` about a date up to `at`'s date in +07 (a late report, or a
 * correction, which keeps its report's date): what `knowledge=current` adds to what was recorded
 * by `at`. Dates compare as the target view compares them: figures "as of" a day count on that day.
 */
export function isLaterFigureAbout(event: RecordedEvent, at: string): boolean {
  if (!FIGURE_EVENT_TYPES.has(event.type) || recordedBy(event, at)) return false;
  return (event.data as { asOf: string }).asOf <= vnDate(at);
}

/**
 * Whether an event recorded after the prefix of `at` still belongs to the answer: never for
 * `recorded`, later figures about dates up to `at` for `current`.
 */
export function belongsAfterPrefix(event: RecordedEvent, asOf: AsOf): boolean {
  return asOf.knowledge === 'current' && isLaterFigureAbout(event, asOf.at);
}
