/**
 * The dates of the 126-CV/TU campaign as the demo plays it. Every scripted action is placed at a
 * local time in Vietnam (+07) because that is how the units live it ("báo cáo cuối ngày"), and the
 * engine stores UTC: these helpers convert between the two.
 */
import { vnDate } from '#directives';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The seed's moment: the secretariat registers the directive and its assignments first thing that morning. */
export const SEEDING_START = '2021-04-14T01:00:00.000Z'; // 2021-04-14 08:00 +07
/** The first moment played: the morning the directive was issued. */
export const CAMPAIGN_START = '2021-04-14T01:30:00.000Z'; // 2021-04-14 08:30 +07
/** The deadline of every item ("đến hết ngày 30-6-2021"). */
export const DEADLINE_DATE = '2021-06-30';
/** The end of the deadline day in +07: the campaign is compressed into --duration up to here. */
export const CAMPAIGN_END = '2021-06-30T17:00:00.000Z';
/**
 * The campaign's processes are stopped once the overdue check of the deadline is recorded, and at
 * the latest here: before the restarted engine's first moment, so that its clock never runs behind
 * a recorded fact (a missed check then fires, late, in the restarted worker).
 */
export const LATEST_STOP = '2021-06-30T22:00:00.000Z'; // 2021-07-01 05:00 +07
/** Where the real-time clock of the restarted engine starts, so its dashboard shows the campaign's end. */
export const AFTER_CAMPAIGN = '2021-07-01T03:00:00.000Z'; // 2021-07-01 10:00 +07
/**
 * Where the restarted engine's real-time clock starts: AFTER_CAMPAIGN, unless a driver that ran
 * late (a busy machine) sent steps later than that; then the hour after its last one, so that the
 * clock never runs behind a recorded fact.
 */
export function restartInstant(lastSentAt: string): string {
  const hour = 3_600_000;
  const floor = Math.ceil((Date.parse(lastSentAt || CAMPAIGN_END) + hour) / hour) * hour;
  return floor <= Date.parse(AFTER_CAMPAIGN) ? AFTER_CAMPAIGN : new Date(floor).toISOString();
}

/** The highest speed the engine accepts (TIME_SCALE). */
const MAX_TIME_SCALE = 1_000_000;

/** The UTC instant of a local time (`HH:MM`) in +07 on `date`. */
export function vnInstant(date: string, time: string): string {
  return new Date(`${date}T${time}:00+07:00`).toISOString();
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every date from `first` to `last`, both included. */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00.000Z`).getUTCDay() + 6) % 7) + 1;
}

/** The campaign's first date in +07 (the directive's date). */
export const FIRST_DATE = vnDate(CAMPAIGN_START);

/**
 * How many times faster than real time the engine must run to play the campaign (its start to the
 * end of the deadline day) in `durationSeconds`.
 */
export function timeScaleFor(durationSeconds: number): number {
  const span = Date.parse(CAMPAIGN_END) - Date.parse(CAMPAIGN_START);
  return Math.round(span / (durationSeconds * 1000));
}

/** The shortest --duration the engine's clock allows (TIME_SCALE at most 1,000,000). */
export function shortestDuration(): number {
  return Math.ceil((Date.parse(CAMPAIGN_END) - Date.parse(CAMPAIGN_START)) / MAX_TIME_SCALE / 1000);
}

/** `2021-05-14 16:30` in +07, for people. */
export function vnLabel(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
