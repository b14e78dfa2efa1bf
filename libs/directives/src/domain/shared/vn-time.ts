/**
 * Calendar dates in Vietnam's time zone (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).
 * A deadline "by 30-6-2021" is the date `2021-06-30` and is due before 2021-07-01T00:00+07:00,
 * that is at `2021-06-30T17:00:00.000Z`. Every stored instant is UTC ISO-8601.
 */
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a real calendar date written `YYYY-MM-DD` (checked arithmetically: it runs on every request). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** The instant a deadline date expires: the end of that day in +07, as UTC ISO-8601. */
export function dueAt(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS + DAY_MS).toISOString();
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T(\d{2}):\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The calendar date in +07 of a UTC instant. Every command asks it of its own time, so the common
 * case (a canonical UTC string before 17:00, the same date in Vietnam) is read off the string.
 */
export function vnDate(instant: string): string {
  const m = CANONICAL.exec(instant);
  if (!m) return new Date(Date.parse(instant) + OFFSET_MS).toISOString().slice(0, 10);
  const utcDate = instant.slice(0, 10);
  return Number(m[1]) < 17 ? utcDate : nextDay(utcDate);
}

let lastDay = '';
let lastNext = '';

/** The calendar date after `date` (remembered: in the evening UTC every command asks the same). */
function nextDay(date: string): string {
  if (date !== lastDay) {
    lastNext = new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
    lastDay = date;
  }
  return lastNext;
}

/** The instant 00:00 +07 of a date begins, as UTC ISO-8601. */
export function startOfVnDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS).toISOString();
}

/** Whole days from date `a` to date `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
