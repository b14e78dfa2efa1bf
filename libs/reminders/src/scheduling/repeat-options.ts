import type { RepeatOptions } from 'bullmq';
import type { ReportReminderRule } from '#directives';
import { VN_TIME_ZONE } from './follow-up-queue.js';

/** A tick every engine hour on a clock running `scale` times real time, at most one a real second. */
export function everyEngineHour(scale: number): RepeatOptions {
  return { every: Math.max(1000, Math.round(3_600_000 / scale)) };
}

/**
 * A weekly time of day in +07 as a BullMQ job scheduler's repeat: a cron pattern in
 * Asia/Ho_Chi_Minh on real time; on a scaled clock a tick every engine hour, because a cron
 * pattern cannot run faster than real time. Either way the job works out the occurrence it serves.
 */
export function weeklyRepeat(rule: ReportReminderRule, scale: number): RepeatOptions {
  if (scale !== 1) return everyEngineHour(scale);
  const [hour, minute] = rule.at.split(':').map(Number);
  return { pattern: `${minute} ${hour} * * ${rule.weekday % 7}`, tz: VN_TIME_ZONE };
}

/**
 * How late (engine ms) a scheduled run may be and still count as on time: the configured
 * tolerance, but never less than two real seconds of a scaled clock, since the real-time jitter
 * of a delayed BullMQ job, seen through a clock running `timeScale` times faster, is not lateness.
 */
export function lateTolerance(lateAfterMs: number, timeScale: number): number {
  return Math.max(lateAfterMs, timeScale * 2000);
}
