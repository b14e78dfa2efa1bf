/** Vietnam's offset from UTC (no daylight saving). */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 24 * 3_600_000;

/** Milliseconds since midnight of a policy time of day `HH:MM` (validated when the policy was set). */
export function timeOfDayMs(at: string): number {
  const [hours, minutes] = at.split(':').map(Number);
  return ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
}

/** The UTC instant of `at` (+07) on the calendar date `date`, as milliseconds. */
export function vnInstantMs(date: string, at: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) - VN_OFFSET_MS + timeOfDayMs(at);
}

export const iso = (ms: number): string => new Date(ms).toISOString();
