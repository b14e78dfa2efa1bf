import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import type { Actor } from '../shared/actor.js';
import { RoleNotAllowedError } from '../shared/domain-error.js';
import type { SetReminderPolicy } from './directive.commands.js';
import { directiveRegistryDecider, reminderPolicyOf } from './directive.decider.js';
import { DirectiveNotFoundError, InvalidReminderPolicyError } from './directive.errors.js';
import type { DirectiveRecord, DirectiveRegistryEvent } from './directive.events.js';
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from './reminder-policy.js';

const spec = deciderSpec(directiveRegistryDecider);

const secretariat: Actor = { subject: 'vptu.chuyen-vien-01', role: 'secretariat' };
const ID = 'kg-126-cv-tu-2021';
const REGISTERED_AT = '2021-04-14T08:00:00.000Z';
const NOW = '2021-04-15T02:00:00.000Z';

const CV_126: DirectiveRecord = {
  directiveId: ID,
  header: {
    issuer: 'Tỉnh ủy Kiên Giang — Ban Thường vụ Tỉnh ủy',
    number: '126-CV/TU',
    issuedOn: '2021-04-14',
    subject: 'Chỉ đạo đẩy mạnh công tác cấp căn cước công dân trên địa bàn tỉnh',
    signer: { name: 'Mai Văn Huỳnh', title: 'Phó Bí thư Thường trực' },
    addressees: [],
    legalBasis: [],
  },
  items: [],
};
const registered: DirectiveRegistryEvent = { type: 'DirectiveRegistered', data: { ...CV_126, registeredAt: REGISTERED_AT } };

/** Reminders at D-10 and D-2 at 07:30, reports on Fridays at 16:00, one escalation level after 48 hours. */
const TIGHTER: ReminderPolicy = {
  deadlineReminders: [
    { daysBefore: 10, at: '07:30' },
    { daysBefore: 2, at: '07:30' },
  ],
  reportReminders: { weekday: 5, at: '16:00' },
  escalation: { climbAfterHours: 48, maxLevel: 1, earlyWarning: false },
};

const setPolicy = (policy: ReminderPolicy, directiveId = ID, actor = secretariat): SetReminderPolicy => ({
  type: 'SetReminderPolicy',
  data: { directiveId, policy },
  actor,
  now: NOW,
});
const policySet = (policy: ReminderPolicy, at = NOW): DirectiveRegistryEvent => ({ type: 'ReminderPolicySet', data: { directiveId: ID, policy, setAt: at } });
const fold = (events: DirectiveRegistryEvent[]) => events.reduce(directiveRegistryDecider.evolve, directiveRegistryDecider.initialState());

const withRule = (index: number, rule: object): ReminderPolicy => {
  const deadlineReminders = [...DEFAULT_REMINDER_POLICY.deadlineReminders];
  deadlineReminders[index] = rule as ReminderPolicy['deadlineReminders'][number];
  return { ...DEFAULT_REMINDER_POLICY, deadlineReminders };
};
const withEscalation = (changes: object): ReminderPolicy =>
  ({ ...DEFAULT_REMINDER_POLICY, escalation: { ...DEFAULT_REMINDER_POLICY.escalation, ...changes } }) as ReminderPolicy;

describe('Setting a directive’s reminder policy', () => {
  it('records the policy; the directive’s items follow it from then on', () => {
    spec.given([registered]).when(setPolicy(TIGHTER)).then([policySet(TIGHTER)]);
    expect(reminderPolicyOf(fold([registered, policySet(TIGHTER)]), ID)).toEqual(TIGHTER);
  });

  it('follows the default policy until one is set, and the latest policy set after that', () => {
    const off = { ...TIGHTER, reportReminders: null };
    expect(reminderPolicyOf(fold([registered]), ID)).toBe(DEFAULT_REMINDER_POLICY);
    expect(reminderPolicyOf(fold([registered, policySet(TIGHTER), policySet(off)]), ID)).toEqual(off);
    expect(reminderPolicyOf(fold([registered, policySet(TIGHTER)]), 'another-directive')).toBe(DEFAULT_REMINDER_POLICY);
  });

  it('stores only the fields the engine knows', () => {
    const extra = { ...TIGHTER, note: 'ignored', escalation: { ...TIGHTER.escalation, channel: 'sms' } } as ReminderPolicy;
    spec.given([registered]).when(setPolicy(extra)).then([policySet(TIGHTER)]);
  });

  it('accepts the bounds: D-0 and D-365, 00:00 and 23:59, no report reminders, one level after one hour', () => {
    const bounds: ReminderPolicy = {
      deadlineReminders: [{ daysBefore: 0, at: '00:00' }, { daysBefore: 365, at: '23:59' }],
      reportReminders: null,
      escalation: { climbAfterHours: 1, maxLevel: 1, earlyWarning: true },
    };
    spec.given([registered]).when(setPolicy(bounds)).then([policySet(bounds)]);
  });

  it('refuses a directive that is not registered', () => {
    spec.given([]).when(setPolicy(TIGHTER)).thenThrows(DirectiveNotFoundError, { code: 'DIRECTIVE.NOT_FOUND', details: { directiveId: ID } });
  });

  it('is reserved to the secretariat', () => {
    for (const actor of [{ subject: 'm-01', role: 'monitor' }, { subject: 'engine', role: 'system' }] as Actor[]) {
      spec.given([registered]).when(setPolicy(TIGHTER, ID, actor)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    }
  });
});

describe('Validating a reminder policy', () => {
  const refuses = (policy: ReminderPolicy, field: string, message: string) =>
    spec
      .given([registered])
      .when(setPolicy(policy))
      .thenThrows(InvalidReminderPolicyError, { code: 'DIRECTIVE.INVALID_REMINDER_POLICY', category: 'validation', field, message });

  it.each<[string, object, string]>([
    ['a negative day', { daysBefore: -1, at: '08:00' }, 'must be an integer from 0 to 365'],
    ['a day beyond a year', { daysBefore: 366, at: '08:00' }, 'must be an integer from 0 to 365'],
    ['a fraction of a day', { daysBefore: 1.5, at: '08:00' }, 'must be an integer from 0 to 365'],
    ['a day given as text', { daysBefore: '3', at: '08:00' }, 'must be an integer from 0 to 365'],
  ])('refuses %s before the deadline, naming the rule', (_case, rule, message) => {
    refuses(withRule(1, rule), 'policy.deadlineReminders[1].daysBefore', `policy.deadlineReminders[1].daysBefore ${message}`);
  });

  it('refuses two rules for the same day', () => {
    refuses(withRule(2, { daysBefore: 7, at: '17:00' }), 'policy.deadlineReminders[2].daysBefore', 'policy.deadlineReminders[2].daysBefore must be unique: 7 appears twice');
  });

  it.each(['24:00', '8:00', '08:60', '0800', ''])('refuses the time of day %p', (at) => {
    refuses(withRule(0, { daysBefore: 7, at }), 'policy.deadlineReminders[0].at', 'policy.deadlineReminders[0].at must be a time of day HH:MM from 00:00 to 23:59');
  });

  it('refuses more than 10 deadline reminders', () => {
    const deadlineReminders = Array.from({ length: 11 }, (_, i) => ({ daysBefore: i, at: '08:00' }));
    refuses({ ...DEFAULT_REMINDER_POLICY, deadlineReminders }, 'policy.deadlineReminders', 'policy.deadlineReminders must hold at most 10 rules');
  });

  it.each([0, 8, 1.5])('refuses the report weekday %p (1 is Monday, 7 Sunday)', (weekday) => {
    refuses({ ...DEFAULT_REMINDER_POLICY, reportReminders: { weekday, at: '08:00' } }, 'policy.reportReminders.weekday', 'policy.reportReminders.weekday must be an integer from 1 to 7');
  });

  it('refuses a report reminder time outside the day', () => {
    refuses({ ...DEFAULT_REMINDER_POLICY, reportReminders: { weekday: 1, at: '25:00' } }, 'policy.reportReminders.at', 'policy.reportReminders.at must be a time of day HH:MM from 00:00 to 23:59');
  });

  it.each([0, 8761, 1.5])('refuses climbing after %p hours', (climbAfterHours) => {
    refuses(withEscalation({ climbAfterHours }), 'policy.escalation.climbAfterHours', 'policy.escalation.climbAfterHours must be an integer from 1 to 8760');
  });

  it.each([0, 3])('refuses a highest level of %p', (maxLevel) => {
    refuses(withEscalation({ maxLevel }), 'policy.escalation.maxLevel', 'policy.escalation.maxLevel must be 1 or 2');
  });

  it('refuses an early-warning switch that is not true or false', () => {
    refuses(withEscalation({ earlyWarning: 'yes' }), 'policy.escalation.earlyWarning', 'policy.escalation.earlyWarning must be true or false');
  });
});
