import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import type { Actor } from '../shared/actor.js';
import { RoleNotAllowedError } from '../shared/domain-error.js';
import { itemDecider } from './item.decide.js';
import {
  EscalationAlreadyResolvedError,
  EscalationLevelNotNextError,
  EscalationNotFoundError,
  ItemAlreadyCompletedError,
  ItemClosedError,
} from './item.errors.js';
import type { ItemEvent } from './item.events.js';
import { cmd, completed, engine, ev, fold, JULY_10, JULY_2, JUNE_25, monitor, rachGia, secretariat, TOO_LATE, underWay } from './item.fixtures.js';

const spec = deciderSpec(itemDecider);

const MONITOR_UNIT = 'dang-uy-cong-an-tinh';
const STANDING_COMMITTEE = 'ban-thuong-vu-tinh-uy';
/** 72 hours after the level-1 escalation of 30-6. */
const CLIMB_AT = '2021-07-03T17:00:00.000Z';
const CLIMB_REASON = 'Unresolved for 72 hours';
const WARNING_REASON = 'At the reported pace the target is reached after the deadline';

const raised = (escalationId: string, unitId?: string, rule: 'deadline_missed' | 'at_risk' = 'deadline_missed', at = TOO_LATE) =>
  ev('EscalationRaised', { escalationId, ...(unitId ? { unitId } : {}), level: 1, rule, reason: 'Quá hạn', mustAct: MONITOR_UNIT, raisedAt: at });
const climbed = (escalationId: string, unitId?: string, at = CLIMB_AT) =>
  ev('EscalationLevelRaised', { escalationId, ...(unitId ? { unitId } : {}), level: 2, mustAct: STANDING_COMMITTEE, reason: CLIMB_REASON, raisedAt: at });
const resolved = (escalationId: string, unitId?: string, at = JULY_10) =>
  ev('EscalationResolved', { escalationId, ...(unitId ? { unitId } : {}), resolution: 'Đã làm việc với đơn vị', resolvedAt: at });

const climb = (escalationId: string, level = 2, now = CLIMB_AT, actor: Actor = engine) =>
  cmd('ClimbEscalation', actor, { escalationId, level, mustAct: STANDING_COMMITTEE, reason: CLIMB_REASON }, now);
const warn = (escalationId: string, now = JUNE_25, actor: Actor = engine) =>
  cmd('RaiseEarlyWarning', actor, { escalationId, reason: WARNING_REASON, mustAct: MONITOR_UNIT }, now);
const warned = (escalationId: string, at = JUNE_25) =>
  ev('EscalationRaised', { escalationId, level: 1, rule: 'at_risk', reason: WARNING_REASON, mustAct: MONITOR_UNIT, raisedAt: at });
const resolve = (escalationId: string, actor: Actor = monitor, now = JULY_10) =>
  cmd('ResolveEscalation', actor, { escalationId, resolution: 'Đã làm việc với đơn vị' }, now);

const escalated = [...underWay, raised('esc-rg-1', 'rach-gia')];
const closed = (events: ItemEvent[]) => [...events, ev('ItemClosed', { outcome: 'cancelled', note: 'Thu hồi', closedAt: JULY_10 })];

describe('Climbing an escalation', () => {
  it('raises it one level, to whoever must act there, and restarts its clock', () => {
    spec.given(escalated).when(climb('esc-rg-1')).then([climbed('esc-rg-1', 'rach-gia')]);
    expect(fold([...escalated, climbed('esc-rg-1', 'rach-gia')]).escalations['esc-rg-1']).toMatchObject({ level: 2, levelSince: CLIMB_AT, raisedAt: TOO_LATE });
  });

  it('names no unit when the escalation concerns none', () => {
    spec.given([...underWay, warned('esc-w-1')]).when(climb('esc-w-1')).then([climbed('esc-w-1')]);
  });

  it('records nothing when the level is already reached, or the escalation is resolved', () => {
    spec.given([...escalated, climbed('esc-rg-1', 'rach-gia')]).when(climb('esc-rg-1', 2, JULY_10)).then([]);
    spec.given([...escalated, resolved('esc-rg-1', 'rach-gia')]).when(climb('esc-rg-1')).then([]);
  });

  it('refuses to skip a level', () => {
    spec
      .given(escalated)
      .when(climb('esc-rg-1', 3))
      .thenThrows(EscalationLevelNotNextError, { code: 'ESCALATION.LEVEL_NOT_NEXT', category: 'validation', field: 'level', details: { current: 1, requested: 3 } });
  });

  it('refuses an escalation the item does not have, whatever its id', () => {
    for (const id of ['esc-unknown', 'constructor']) {
      spec.given(escalated).when(climb(id)).thenThrows(EscalationNotFoundError, { code: 'ESCALATION.NOT_FOUND', category: 'not_found' });
    }
  });

  it('refuses once the item is closed', () => {
    spec.given(closed(escalated)).when(climb('esc-rg-1')).thenThrows(ItemClosedError, { code: 'ITEM.CLOSED' });
  });

  it('is reserved to the engine', () => {
    spec.given(escalated).when(climb('esc-rg-1', 2, CLIMB_AT, monitor)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });
});

describe('Raising an early warning', () => {
  it('raises a level-1 escalation on the item as a whole (rule at_risk)', () => {
    spec.given(underWay).when(warn('esc-w-1')).then([warned('esc-w-1')]);
  });

  it('records nothing while a warning is unresolved, or when this warning was already raised', () => {
    spec.given([...underWay, warned('esc-w-1')]).when(warn('esc-w-1', JULY_2)).then([]);
    spec.given([...underWay, warned('esc-w-1')]).when(warn('esc-w-2', JULY_2)).then([]);
  });

  it('raises a new warning once the earlier one is resolved; a missed-deadline escalation does not stand in for it', () => {
    spec.given([...underWay, warned('esc-w-1'), resolved('esc-w-1')]).when(warn('esc-w-2', JULY_10)).then([warned('esc-w-2', JULY_10)]);
    spec.given(escalated).when(warn('esc-w-1', JULY_2)).then([warned('esc-w-1', JULY_2)]);
  });

  it('refuses a completed or closed item', () => {
    spec.given(completed).when(warn('esc-w-1', JULY_10)).thenThrows(ItemAlreadyCompletedError, { code: 'ITEM.ALREADY_COMPLETED' });
    spec.given(closed(underWay)).when(warn('esc-w-1', JULY_10)).thenThrows(ItemClosedError, { code: 'ITEM.CLOSED' });
  });

  it('is reserved to the engine', () => {
    spec.given(underWay).when(warn('esc-w-1', JUNE_25, secretariat)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });
});

describe('Resolving an escalation', () => {
  it('records how a monitor or the secretariat dealt with it', () => {
    spec.given(escalated).when(resolve('esc-rg-1')).then([resolved('esc-rg-1', 'rach-gia')]);
    spec.given([...underWay, warned('esc-w-1')]).when(resolve('esc-w-1', secretariat)).then([resolved('esc-w-1')]);
  });

  it('is allowed on a completed item, refused on a closed one', () => {
    spec.given([...completed, raised('esc-rg-1', 'rach-gia')]).when(resolve('esc-rg-1')).then([resolved('esc-rg-1', 'rach-gia')]);
    spec.given(closed(escalated)).when(resolve('esc-rg-1')).thenThrows(ItemClosedError, { code: 'ITEM.CLOSED' });
  });

  it('refuses an escalation the item does not have, and one already resolved', () => {
    spec.given(escalated).when(resolve('esc-unknown')).thenThrows(EscalationNotFoundError, { code: 'ESCALATION.NOT_FOUND', field: 'escalationId' });
    spec
      .given([...escalated, resolved('esc-rg-1', 'rach-gia')])
      .when(resolve('esc-rg-1'))
      .thenThrows(EscalationAlreadyResolvedError, { code: 'ESCALATION.ALREADY_RESOLVED', category: 'conflict' });
  });

  it('is refused to units and to the engine', () => {
    for (const actor of [rachGia, engine]) {
      spec.given(escalated).when(resolve('esc-rg-1', actor)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    }
  });
});
