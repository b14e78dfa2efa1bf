import { describe, expect, it } from '@jest/globals';
import { daysBetween, dueAt, isCalendarDate, startOfVnDay, vnDate } from './vn-time.js';

describe('Calendar dates', () => {
  it.each(['2021-06-30', '2021-04-14', '2020-02-29', '2021-12-31'])('accepts the real date %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each(['2021-02-29', '2021-06-31', '2021-13-01', '2021-6-30', '30-6-2021', '2021-06-30T00:00:00Z', ''])('refuses %j', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('Deadlines in Asia/Ho_Chi_Minh (+07)', () => {
  it('makes "by 30-6-2021" due at the end of that day in +07, 17:00Z', () => {
    expect(dueAt('2021-06-30')).toBe('2021-06-30T17:00:00.000Z');
  });

  it('handles month, year and leap-day ends', () => {
    expect(dueAt('2021-04-30')).toBe('2021-04-30T17:00:00.000Z');
    expect(dueAt('2021-12-31')).toBe('2021-12-31T17:00:00.000Z');
    expect(dueAt('2024-02-29')).toBe('2024-02-29T17:00:00.000Z');
  });

  it('begins a day at 17:00Z of the day before, which is when the previous date is due', () => {
    expect(startOfVnDay('2021-07-01')).toBe('2021-06-30T17:00:00.000Z');
    expect(startOfVnDay('2022-01-01')).toBe(dueAt('2021-12-31'));
  });
});

describe('The date in +07 of an instant', () => {
  it('is still 1 May at 16:59:59.999Z and already 2 May at 17:00Z', () => {
    expect(vnDate('2021-05-01T16:59:59.999Z')).toBe('2021-05-01');
    expect(vnDate('2021-05-01T17:00:00.000Z')).toBe('2021-05-02');
  });

  it('turns the year at 17:00Z on 31 December', () => {
    expect(vnDate('2021-12-31T16:59:59.999Z')).toBe('2021-12-31');
    expect(vnDate('2021-12-31T17:00:00.000Z')).toBe('2022-01-01');
  });

  it('reads instants written with an offset', () => {
    expect(vnDate('2021-07-01T00:00:00+07:00')).toBe('2021-07-01');
    expect(vnDate('2021-06-30T23:59:59+07:00')).toBe('2021-06-30');
  });

  it('gives back the date a day starts on', () => {
    expect(vnDate(startOfVnDay('2021-04-14'))).toBe('2021-04-14');
    expect(vnDate(dueAt('2021-04-14'))).toBe('2021-04-15');
  });
});

describe('Days between dates', () => {
  it('counts whole days from the issue of 126-CV/TU to its deadline', () => {
    expect(daysBetween('2021-04-14', '2021-06-30')).toBe(77);
  });

  it('is negative backwards and zero on the same date', () => {
    expect(daysBetween('2021-06-30', '2021-04-14')).toBe(-77);
    expect(daysBetween('2021-06-30', '2021-06-30')).toBe(0);
  });

  it('counts across a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });
});
