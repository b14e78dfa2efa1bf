import { describe, expect, it } from '@jest/globals';
import { addDays, forecast, sumSeries, valueAt, type SeriesPoint } from './target-progress.forecast.js';

/** A total growing by `perDay` every day from `from` to `to` inclusive, starting at `perDay`. */
function daily(from: string, to: string, perDay: number): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (let date = from, value = perDay; date <= to; date = addDays(date, 1), value += perDay) points.push({ date, value });
  return points;
}

describe('The run-rate of a target forecast', () => {
  // 10,000 a day from 1 May; the deadline 30 June; the target reached exactly on 30 June at that pace.
  const target = 610_000;

  it('in the morning, before the day’s reports come in, measures the 7 days up to yesterday: an item on track is not at risk', () => {
    const f = forecast(daily('2021-05-01', '2021-05-14', 10_000), target, '2021-06-30', '2021-05-15');
    expect(f.runRate).toBe(10_000);
    expect(f.projectedCompletion).toBe('2021-06-30');
    expect(f.atRisk).toBe(false);
  });

  it('once the day’s reports are in, measures the 7 days up to today', () => {
    const f = forecast(daily('2021-05-01', '2021-05-15', 10_000), target, '2021-06-30', '2021-05-15');
    expect(f.runRate).toBe(10_000);
    expect(f.projectedCompletion).toBe('2021-06-30');
    expect(f.atRisk).toBe(false);
  });

  it('still counts earlier days of silence as no progress: three days without reports lower the rate and put the item at risk', () => {
    const f = forecast(daily('2021-05-01', '2021-05-11', 10_000), target, '2021-06-30', '2021-05-15');
    // Up to yesterday (14 May): of the 7 days after 7 May, 4 saw work (8–11 May).
    expect(f.runRate).toBeCloseTo(40_000 / 7, 1);
    expect(f.atRisk).toBe(true);
  });
});

describe('The total of several units’ series', () => {
  it('carries each unit’s last figure forward to every date any unit reported', () => {
    const a = [{ date: '2021-05-01', value: 10 }, { date: '2021-05-03', value: 30 }];
    const b = [{ date: '2021-05-02', value: 5 }, { date: '2021-05-04', value: 7 }];
    expect(sumSeries([a, b, []])).toEqual([
      { date: '2021-05-01', value: 10 },
      { date: '2021-05-02', value: 15 },
      { date: '2021-05-03', value: 35 },
      { date: '2021-05-04', value: 37 },
    ]);
  });

  it('equals, at every date, the sum of each series’ value carried forward (200 units reporting on their own days)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const units = Array.from({ length: 200 }, () => {
      const points: SeriesPoint[] = [];
      let value = 0;
      for (let day = 0; day < 60; day += 1) if (random() < 0.4) points.push({ date: addDays('2021-04-20', day), value: (value += Math.floor(random() * 1000)) });
      return points;
    });
    const total = sumSeries(units);
    expect(total.length).toBeGreaterThan(50);
    for (const { date, value } of total) expect(value).toBe(units.reduce((sum, s) => sum + valueAt(s, date), 0));
  });
});
