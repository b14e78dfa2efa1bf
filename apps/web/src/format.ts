import { lang } from './i18n.js';

/** Dates and times are shown in Vietnam's time zone (+07), whatever the browser's zone. */
const ZONE = 'Asia/Ho_Chi_Minh';

const locale = () => (lang() === 'vi' ? 'vi-VN' : 'en-GB');

/** An instant (ISO-8601) as a +07 date and time, e.g. 15/05/2021 10:00. */
export function dateTime(iso: string | undefined | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, already a +07 date) as dd/mm/yyyy. */
export function day(date: string | undefined | null): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** The +07 calendar date (YYYY-MM-DD) of an instant. */
export function vnDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function num(value: number | undefined | null, digits = 0): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

export function pct(value: number | undefined | null): string {
  return value === undefined || value === null ? '—' : `${num(value, 1)} %`;
}
