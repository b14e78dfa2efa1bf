/**
 * The illustrative figures of item 1 (1,171,200 citizen ID cards by 30-6-2021). The directive
 * does not split the target per district: the split below is made up for the demo, roughly in
 * proportion to each district's population, and is labelled "Số liệu minh họa" wherever shown.
 *
 * The shape is chosen so the engine's own forecast tells a story: a slow start (the forecast says
 * "at risk" from the first week to the end of May), a peak campaign from mid-May that brings the
 * run-rate above the rate required (the forecast recovers in early June), the province reaching
 * the target in the last week of June, and the island district Kiên Hải lagging behind throughout.
 */
import { addDays, datesBetween, FIRST_DATE, isoWeekday } from './campaign-calendar.js';

/** The target of item 1 (`cards_issued`). */
export const TARGET = 1_171_200;
/** How far the province ends above the target (the others more than make up for Kiên Hải). */
const OVERSHOOT = 1.0015;
/** The share of its illustrative part Kiên Hải reaches by the deadline. */
const LAGGARD_REACHES = 0.78;
export const LAGGARD = 'kien-hai';

/** How often a district reports: every `every` days from the campaign's third day, on an ISO weekday, or on given dates. */
export type Rhythm = { readonly every: number } | { readonly weekday: number } | { readonly dates: readonly string[] };

export interface DistrictPlan {
  readonly id: string;
  /** Illustrative weight (about the population, in thousands). */
  readonly weight: number;
  readonly rhythm: Rhythm;
  /** When it acknowledges items 1 and 4 (date, `HH:MM` in +07). */
  readonly ack: readonly [string, string];
  /** The date it reaches its figure (its last report on item 1). */
  readonly finish: string;
  /** The local time of day its reports come in. */
  readonly reportsAt: string;
}

const d = (mmdd: string) => `2021-${mmdd}`;

/** The 15 members of `district-party-committees`, with their (made-up) habits. */
export const DISTRICTS: readonly DistrictPlan[] = [
  { id: 'rach-gia', weight: 228, rhythm: { every: 1 }, ack: [d('04-14'), '14:00'], finish: d('06-19'), reportsAt: '16:00' },
  { id: 'phu-quoc', weight: 180, rhythm: { every: 1 }, ack: [d('04-14'), '15:10'], finish: d('06-17'), reportsAt: '16:10' },
  { id: 'chau-thanh', weight: 152, rhythm: { every: 1 }, ack: [d('04-14'), '16:20'], finish: d('06-21'), reportsAt: '16:20' },
  { id: 'tan-hiep', weight: 142, rhythm: { every: 1 }, ack: [d('04-15'), '08:40'], finish: d('06-22'), reportsAt: '16:30' },
  { id: 'giong-rieng', weight: 203, rhythm: { every: 1 }, ack: [d('04-15'), '09:15'], finish: d('06-23'), reportsAt: '16:40' },
  { id: 'hon-dat', weight: 167, rhythm: { every: 2 }, ack: [d('04-15'), '10:00'], finish: d('06-22'), reportsAt: '16:50' },
  { id: 'go-quao', weight: 134, rhythm: { every: 2 }, ack: [d('04-15'), '14:30'], finish: d('06-23'), reportsAt: '17:00' },
  { id: 'an-bien', weight: 120, rhythm: { every: 2 }, ack: [d('04-15'), '15:00'], finish: d('06-20'), reportsAt: '17:10' },
  { id: 'kien-luong', weight: 86, rhythm: { every: 3 }, ack: [d('04-15'), '16:00'], finish: d('06-21'), reportsAt: '17:20' },
  { id: 'an-minh', weight: 110, rhythm: { every: 3 }, ack: [d('04-16'), '08:30'], finish: d('06-23'), reportsAt: '17:30' },
  { id: 'vinh-thuan', weight: 88, rhythm: { every: 3 }, ack: [d('04-16'), '09:00'], finish: d('06-22'), reportsAt: '17:40' },
  { id: 'ha-tien', weight: 48, rhythm: { weekday: 5 }, ack: [d('04-15'), '11:00'], finish: d('06-25'), reportsAt: '15:30' },
  { id: 'giang-thanh', weight: 28, rhythm: { weekday: 1 }, ack: [d('04-19'), '08:30'], finish: d('06-21'), reportsAt: '15:40' },
  { id: 'u-minh-thuong', weight: 65, rhythm: { weekday: 4 }, ack: [d('04-20'), '09:00'], finish: d('06-24'), reportsAt: '15:50' },
  {
    id: LAGGARD,
    weight: 21,
    rhythm: { dates: [d('04-23'), d('05-07'), d('05-28'), d('06-11'), d('06-25'), d('06-30')] },
    ack: [d('04-22'), '10:00'],
    finish: d('06-30'),
    reportsAt: '18:00',
  },
];

/** Relative cards per day, by day of the campaign: slow, then a peak from mid-May, easing at the end. */
const RATE_KNOTS: readonly (readonly [number, number])[] = [[0, 0.5], [12, 0.8], [26, 1.1], [34, 3.2], [44, 4.4], [70, 4.4], [77, 3.5]];

function dailyRate(dayIndex: number): number {
  for (let k = 1; k < RATE_KNOTS.length; k += 1) {
    const [a, ra] = RATE_KNOTS[k - 1]!;
    const [b, rb] = RATE_KNOTS[k]!;
    if (dayIndex <= b) return ra + ((rb - ra) * (dayIndex - a)) / (b - a);
  }
  return RATE_KNOTS[RATE_KNOTS.length - 1]![1];
}

/** The relative cumulative curve: the sum of the daily rates up to and including `date`. */
const curve = new Map<string, number>();
let runningTotal = 0;
for (const [index, date] of datesBetween(FIRST_DATE, '2021-06-30').entries()) curve.set(date, (runningTotal += dailyRate(index)));

/** Each district's figure on the deadline: its illustrative share, Kiên Hải short of it, the others making up for it. */
export const FINAL_FIGURES: ReadonlyMap<string, number> = (() => {
  const totalWeight = DISTRICTS.reduce((sum, x) => sum + x.weight, 0);
  const share = (x: DistrictPlan) => (TARGET * x.weight) / totalWeight;
  const laggard = DISTRICTS.find((x) => x.id === LAGGARD)!;
  const laggardFinal = Math.round(share(laggard) * LAGGARD_REACHES);
  const othersShare = TARGET - share(laggard);
  const factor = (TARGET * OVERSHOOT - laggardFinal) / othersShare;
  return new Map(DISTRICTS.map((x) => [x.id, x.id === LAGGARD ? laggardFinal : Math.round(share(x) * factor)]));
})();

/** A district's cumulative cards issued on `date`: its final figure times the part of its curve done (Kiên Hải later, more slowly). */
export function figureOn(district: DistrictPlan, date: string): number {
  const done = Math.min(1, curve.get(date)! / curve.get(district.finish)!);
  const part = district.id === LAGGARD ? done ** 1.5 : done;
  return Math.round(FINAL_FIGURES.get(district.id)! * part);
}

/** The dates a district reports on item 1: its rhythm from its acknowledgement to its finish, and always the finish. */
export function reportDates(district: DistrictPlan): string[] {
  const start = addDays(FIRST_DATE, 2);
  const { rhythm } = district;
  const onRhythm = (date: string, index: number) =>
    'every' in rhythm ? index % rhythm.every === 0 : 'weekday' in rhythm ? isoWeekday(date) === rhythm.weekday : rhythm.dates.includes(date);
  const dates = datesBetween(start, district.finish).filter((date, index) => date >= district.ack[0] && onRhythm(date, index));
  return dates.includes(district.finish) ? dates : [...dates, district.finish];
}
