import { InvalidReminderPolicyError } from './directive.errors.js';
import type { DeadlineReminderRule, EscalationPolicy, ReminderPolicy, ReportReminderRule } from './reminder-policy.js';

const MAX_DEADLINE_RULES = 10;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Checks every field of a reminder policy and returns it with only the fields the engine knows,
 * so that nothing else a request carried is stored in the event forever. Values arrive from
 * requests, so each is checked for its type at run time as well.
 */
export function validReminderPolicy(policy: ReminderPolicy): ReminderPolicy {
  if (!isObject(policy)) throw new InvalidReminderPolicyError('policy', 'must be an object');
  return {
    deadlineReminders: deadlineRules(policy.deadlineReminders),
    reportReminders: policy.reportReminders === null ? null : reportRule(policy.reportReminders),
    escalation: escalation(policy.escalation),
  };
}

function deadlineRules(rules: readonly DeadlineReminderRule[]): DeadlineReminderRule[] {
  const field = 'policy.deadlineReminders';
  if (!Array.isArray(rules)) throw new InvalidReminderPolicyError(field, 'must be a list');
  if (rules.length > MAX_DEADLINE_RULES) throw new InvalidReminderPolicyError(field, `must hold at most ${MAX_DEADLINE_RULES} rules`);
  const seen = new Set<number>();
  return rules.map((rule, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(rule)) throw new InvalidReminderPolicyError(at, 'must be an object');
    requireInteger(`${at}.daysBefore`, rule.daysBefore, 0, 365);
    if (seen.has(rule.daysBefore)) throw new InvalidReminderPolicyError(`${at}.daysBefore`, `must be unique: ${rule.daysBefore} appears twice`);
    seen.add(rule.daysBefore);
    return { daysBefore: rule.daysBefore, at: timeOfDay(`${at}.at`, rule.at) };
  });
}

function reportRule(rule: ReportReminderRule): ReportReminderRule {
  const field = 'policy.reportReminders';
  if (!isObject(rule)) throw new InvalidReminderPolicyError(field, 'must be an object or null');
  requireInteger(`${field}.weekday`, rule.weekday, 1, 7);
  return { weekday: rule.weekday, at: timeOfDay(`${field}.at`, rule.at) };
}

function escalation(policy: EscalationPolicy): EscalationPolicy {
  const field = 'policy.escalation';
  if (!isObject(policy)) throw new InvalidReminderPolicyError(field, 'must be an object');
  requireInteger(`${field}.climbAfterHours`, policy.climbAfterHours, 1, 8760);
  if (policy.maxLevel !== 1 && policy.maxLevel !== 2) throw new InvalidReminderPolicyError(`${field}.maxLevel`, 'must be 1 or 2');
  if (typeof policy.earlyWarning !== 'boolean') throw new InvalidReminderPolicyError(`${field}.earlyWarning`, 'must be true or false');
  return { climbAfterHours: policy.climbAfterHours, maxLevel: policy.maxLevel, earlyWarning: policy.earlyWarning };
}

function requireInteger(field: string, value: unknown, min: number, max: number): void {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new InvalidReminderPolicyError(field, `must be an integer from ${min} to ${max}`);
  }
}

function timeOfDay(field: string, value: unknown): string {
  if (typeof value !== 'string' || !TIME_OF_DAY.test(value)) throw new InvalidReminderPolicyError(field, 'must be a time of day HH:MM from 00:00 to 23:59');
  return value;
}

const isObject = <T>(value: T): value is T & object => typeof value === 'object' && value !== null && !Array.isArray(value);
