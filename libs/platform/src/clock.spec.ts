import { describe, expect, it } from '@jest/globals';
import { clockFromConfig, ManualClock, ScaledClock, SystemClock, timeScaleOf } from './clock.js';

describe('The engine clock', () => {
  it('is the system clock when neither a start nor a time scale is configured', () => {
    expect(clockFromConfig({ scale: 1 })).toBeInstanceOf(SystemClock);
  });

  it('runs `scale` times faster than real time from its anchor', () => {
    const anchor = new Date(Date.now() - 2000).toISOString();
    const clock = new ScaledClock('2021-04-14T01:00:00.000Z', 3600, anchor);
    const elapsedHours = (clock.now().getTime() - Date.parse('2021-04-14T01:00:00.000Z')) / 3_600_000;
    expect(elapsedHours).toBeGreaterThanOrEqual(2);
    expect(elapsedHours).toBeLessThan(3);
    expect(timeScaleOf(clock)).toBe(3600);
  });

  it('gives two processes configured alike the same time, whenever each started', () => {
    const settings = { start: '2021-04-14T01:00:00.000Z', anchor: new Date(Date.now() - 60_000).toISOString(), scale: 10_080 };
    const a = clockFromConfig(settings).now().getTime();
    const b = clockFromConfig(settings).now().getTime();
    expect(Math.abs(b - a)).toBeLessThan(10_080 * 50);
  });

  it('counts a manual clock as unscaled', () => {
    expect(timeScaleOf(new ManualClock('2021-04-14T01:00:00.000Z'))).toBe(1);
  });
});
