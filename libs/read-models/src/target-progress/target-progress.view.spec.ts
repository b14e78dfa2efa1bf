import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { projectionSpec } from '#testing';
import { targetProgressProjection } from './target-progress.projection.js';
import { seriesPeriod, targetItemKey, targetSeriesPrefix, type TargetItemDoc, type TargetItemDocs, type TargetReportDoc, type TargetSeriesDoc } from './target-progress.document.js';
import { atRiskByItem, itemAtRisk, targetProgressView } from './target-progress.view.js';
import { addDays } from './target-progress.forecast.js';
import { CampaignLog, ITEM_1, JULY_2, JUNE_25 } from '../directive-overview/campaign.fixtures.js';

/**
 * Item 1 of 126-CV/TU: 1,171,200 cards by 2021-06-30 (the item's own deadline). The figures per
 * district are ILLUSTRATIVE (the directive does not split the target): Rạch Giá and Phú Quốc lead,
 * the provincial police cooperate and report their own count, which is never added.
 */
const MAY_8 = '2021-05-08T10:00:00.000Z';
/** 2021-05-15 17:00 +07: "today" is 2021-05-15. */
const MAY_15 = '2021-05-15T10:00:00.000Z';

function item1(reports: (log: CampaignLog) => RecordedEvent[]): TargetItemDocs {
  const log = new CampaignLog();
  const events = [
    log.issued(),
    log.assigned('rach-gia', 'lead'),
    log.assigned('phu-quoc', 'lead'),
    log.assigned('dang-uy-cong-an-tinh', 'cooperating'),
    ...reports(log),
  ];
  const docs = projectionSpec(targetProgressProjection).replay(events);
  const series = [...docs].filter(([key]) => key.startsWith(targetSeriesPrefix(ITEM_1))).map(([, doc]) => doc as TargetSeriesDoc);
  return { item: docs.get(targetItemKey(ITEM_1)) as TargetItemDoc, series };
}

/** Totals 300,000 on 2021-05-08 (180,000 + 120,000) and 400,000 on 2021-05-15 (230,000 + 170,000). */
const slow = (log: CampaignLog) => [
  log.reported('rach-gia', 'rg-01', '2021-05-08', 180_000, MAY_8),
  log.reported('phu-quoc', 'pq-01', '2021-05-08', 120_000, MAY_8),
  log.reported('dang-uy-cong-an-tinh', 'ca-01', '2021-05-15', 395_000, MAY_15),
  log.reported('rach-gia', 'rg-02', '2021-05-15', 230_000, MAY_15),
  log.reported('phu-quoc', 'pq-02', '2021-05-15', 170_000, MAY_15),
];

const metric = (doc: TargetItemDocs, now: string) => targetProgressView(doc, now).metrics[0]!;

describe('target progress view: the at-risk rule, computed by hand', () => {
  it('is at risk at 14,285.7 cards a day when 16,765.2 are required', () => {
    const m = metric(item1(slow), MAY_15);
    // Total series: 2021-05-08 → 300,000; 2021-05-15 → 400,000 (the police's 395,000 are not added).
    expect(m.series).toEqual([{ date: '2021-05-08', value: 300_000 }, { date: '2021-05-15', value: 400_000 }]);
    expect(m.latest).toBe(400_000);
    // 400,000 / 1,171,200 = 34.153…% → 34.15
    expect(m.percent).toBe(34.15);
    // remaining 1,171,200 − 400,000 = 771,200; days left 2021-05-15 → 2021-06-30 = 16 + 30 = 46
    expect(m.remaining).toBe(771_200);
    expect(m.daysLeft).toBe(46);
    // required 771,200 / 46 = 16,765.217… → 16,765.2 a day
    expect(m.requiredDailyRate).toBe(16_765.2);
    // run-rate (400,000 − 300,000) / 7 = 14,285.714… → 14,285.7 a day
    expect(m.runRate).toBe(14_285.7);
    // projection: ceil(771,200 × 7 / 100,000) = ceil(53.984) = 54 days; 2021-05-15 + 54 = 2021-07-08 > 2021-06-30
    expect(m.projectedCompletion).toBe('2021-07-08');
    expect(m.atRisk).toBe(true);
    expect(targetProgressView(item1(slow), MAY_15).atRisk).toBe(true);
  });

  it('is not at risk at 21,428.6 cards a day when 15,678.3 are required', () => {
    const fast = (log: CampaignLog) => [
      log.reported('rach-gia', 'rg-01', '2021-05-08', 180_000, MAY_8),
      log.reported('phu-quoc', 'pq-01', '2021-05-08', 120_000, MAY_8),
      log.reported('rach-gia', 'rg-02', '2021-05-15', 260_000, MAY_15),
      log.reported('phu-quoc', 'pq-02', '2021-05-15', 190_000, MAY_15),
    ];
    const m = metric(item1(fast), MAY_15);
    // total 450,000; remaining 721,200; required 721,200 / 46 = 15,678.26… → 15,678.3
    expect([m.latest, m.remaining, m.requiredDailyRate]).toEqual([450_000, 721_200, 15_678.3]);
    // run-rate 150,000 / 7 = 21,428.571… → 21,428.6
    expect(m.runRate).toBe(21_428.6);
    // ceil(721,200 × 7 / 150,000) = ceil(33.656) = 34 days; 2021-05-15 + 34 = 2021-06-18 ≤ 2021-06-30
    expect(m.projectedCompletion).toBe('2021-06-18');
    expect(m.atRisk).toBe(false);
  });
});

describe('target progress view', () => {
  it('carries each unit’s latest value forward to the dates the other reported', () => {
    const doc = item1((log) => [
      log.reported('rach-gia', 'rg-01', '2021-05-08', 180_000, MAY_8),
      log.reported('phu-quoc', 'pq-01', '2021-05-10', 125_000, MAY_15),
      log.reported('rach-gia', 'rg-02', '2021-05-12', 200_000, MAY_15),
    ]);
    expect(metric(doc, MAY_15).series).toEqual([
      { date: '2021-05-08', value: 180_000 },
      { date: '2021-05-10', value: 305_000 },
      { date: '2021-05-12', value: 325_000 },
    ]);
  });

  it('shows each lead unit’s series and share, and the cooperating units apart', () => {
    const m = metric(item1(slow), MAY_15);
    // Rạch Giá: 230,000 / 1,171,200 = 19.638…% → 19.64; (230,000 − 180,000) / 7 = 7,142.857… → 7,142.9
    expect(m.leadUnits.map((u) => [u.unitId, u.latest, u.percentOfTarget, u.runRate])).toEqual([
      ['phu-quoc', 170_000, 14.52, 7_142.9],
      ['rach-gia', 230_000, 19.64, 7_142.9],
    ]);
    expect(m.cooperatingUnits).toEqual([
      { unitId: 'dang-uy-cong-an-tinh', role: 'cooperating', series: [{ date: '2021-05-15', value: 395_000 }], latest: 395_000, percentOfTarget: 33.73, runRate: 56_428.6 },
    ]);
  });

  it('a correction replaces the corrected report’s figures at its date', () => {
    const doc = item1((log) => [...slow(log), log.corrected('rach-gia', 'rg-01-c', 'rg-01', '2021-05-08', 170_000, JUNE_25)]);
    const m = metric(doc, MAY_15);
    expect(m.series).toEqual([{ date: '2021-05-08', value: 290_000 }, { date: '2021-05-15', value: 400_000 }]);
    // (400,000 − 290,000) / 7 = 15,714.285… → 15,714.3
    expect(m.runRate).toBe(15_714.3);
  });

  it('with no increase over the last 7 days before the deadline: run-rate 0, no projection, at risk', () => {
    // On 2021-05-25 the total stands at 400,000 as it did on 2021-05-18 (carried from 2021-05-15).
    const m = metric(item1(slow), '2021-05-25T03:00:00.000Z');
    expect([m.runRate, m.projectedCompletion, m.atRisk, m.daysLeft]).toEqual([0, null, true, 36]);
  });

  it('takes today in +07: 16:59:59.999Z is still 2021-05-15, 17:00Z is 2021-05-16', () => {
    expect(metric(item1(slow), '2021-05-15T16:59:59.999Z').daysLeft).toBe(46);
    expect(metric(item1(slow), '2021-05-15T17:00:00.000Z').daysLeft).toBe(45);
    // On 2021-05-14 the 2021-05-15 reports are not counted yet.
    expect(metric(item1(slow), '2021-05-14T03:00:00.000Z').latest).toBe(300_000);
  });

  it('after the deadline with work remaining: nothing can be required any more, at risk', () => {
    const m = metric(item1(slow), JULY_2);
    expect([m.daysLeft, m.requiredDailyRate, m.atRisk]).toEqual([-2, null, true]);
  });

  it('a target reached needs nothing more and is not at risk; its completion date is the day it was reached', () => {
    const doc = item1((log) => [
      log.reported('rach-gia', 'rg-01', '2021-06-20', 700_000, JUNE_25),
      log.reported('phu-quoc', 'pq-01', '2021-06-24', 480_000, JUNE_25),
    ]);
    const m = metric(doc, JUNE_25);
    // 700,000 + 480,000 = 1,180,000 ≥ 1,171,200 since 2021-06-24; 1,180,000 / 1,171,200 = 100.751…% → 100.75
    expect([m.remaining, m.requiredDailyRate, m.projectedCompletion, m.atRisk, m.percent]).toEqual([0, 0, '2021-06-24', false, 100.75]);
  });

  it('takes the series documents in any order', () => {
    const docs = item1((log) => [...slow(log), log.corrected('rach-gia', 'rg-01-c', 'rg-01', '2021-05-08', 170_000, JUNE_25)]);
    expect(targetProgressView({ ...docs, series: [...docs.series].reverse() }, MAY_15)).toEqual(targetProgressView(docs, MAY_15));
  });

  it('a completed or closed item is never at risk; atRiskByItem feeds the directive overview', () => {
    const open = item1(slow);
    const done = item1((l) => [...slow(l), l.completed(false, JULY_2)]);
    expect(targetProgressView(done, MAY_15).atRisk).toBe(false);
    expect(atRiskByItem([open], MAY_15)).toEqual({ [ITEM_1]: true });
  });
});

/** A small deterministic generator (mulberry32), so that a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An item of random units, days, reports (several a day, some without the metric, fractional figures) and lifecycle. */
function randomItem(next: () => number): TargetItemDocs {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const units: Record<string, 'lead' | 'cooperating'> = {};
  for (let u = 0, n = 1 + Math.floor(next() * 6); u < n; u++) units[`unit-${pick(['a', 'b', 'c', 'd', 'e', 'f', 'g'])}${u}`] = next() < 0.8 ? 'lead' : 'cooperating';
  const target = pick([100, 1_000, 12_345.5]);
  const series: TargetSeriesDoc[] = [];
  for (const unitId of [...Object.keys(units), 'not-assigned']) {
    let value = 0;
    const periods = new Map<string, [string, TargetReportDoc[]][]>();
    for (let day = 0; day < 45; day++) {
      if (next() < 0.45) continue;
      const reports = Array.from({ length: 1 + Math.floor(next() * 2) }, (_, r) => {
        value += Math.floor(next() * (target / 20)) + (next() < 0.2 ? 0.25 : 0);
        const metrics: Record<string, number> = next() < 0.15 ? { other: 1 } : { cards_issued: next() < 0.1 ? value / 2 : value };
        return { reportId: `${unitId}-${day}-${r}`, metrics };
      });
      const asOf = addDays('2021-05-01', day);
      periods.set(seriesPeriod(asOf), [...(periods.get(seriesPeriod(asOf)) ?? []), [asOf, reports]]);
    }
    // Days in any order within a period's document (a backdated report adds an earlier day last).
    for (const [period, days] of periods) series.push({ unitId, period, days: Object.fromEntries(days.sort(() => next() - 0.5)) });
  }
  series.sort(() => next() - 0.5);
  const item: TargetItemDoc = {
    itemId: ITEM_1,
    directiveId: 'd',
    number: 1,
    title: 't',
    deadline: { date: addDays('2021-05-01', Math.floor(next() * 60)), dueAt: '' },
    targets: [{ metric: 'cards_issued', value: target }, ...(next() < 0.3 ? [{ metric: 'other', value: 3 }] : [])],
    lifecycle: pick(['open', 'open', 'open', 'completed', 'closed'] as const),
    units,
    seen: {},
  };
  return { item, series };
}

describe('itemAtRisk: the overview\'s forecast without the whole view', () => {
  it('agrees with targetProgressView(…).atRisk on 400 random items, each asked on 12 days', () => {
    const next = random(126);
    let atRisk = 0;
    let asked = 0;
    for (let i = 0; i < 400; i++) {
      const docs = randomItem(next);
      for (let day = -3; day < 36; day += 3) {
        // 10:00 and 23:30 UTC: 17:00 on the day and 06:30 the day after in +07.
        const now = `${addDays('2021-05-01', day)}T${next() < 0.5 ? '10:00' : '23:30'}:00.000Z`;
        const expected = targetProgressView(docs, now).atRisk;
        expect({ i, now, atRisk: itemAtRisk(docs, now) }).toEqual({ i, now, atRisk: expected });
        atRisk += expected ? 1 : 0;
        asked += 1;
      }
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(atRisk).toBeGreaterThan(asked / 10);
    expect(atRisk).toBeLessThan(asked - asked / 10);
  });
});
