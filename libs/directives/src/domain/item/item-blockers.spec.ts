import { describe, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import type { Actor } from '../shared/actor.js';
import { RoleNotAllowedError, UnitIdentityMissingError } from '../shared/domain-error.js';
import { itemDecider } from './item.decide.js';
import {
  BlockerAlreadyResolvedError,
  BlockerExistsError,
  BlockerNotFoundError,
  NotAcknowledgedError,
  NotAssignedError,
  NotOwnBlockerError,
} from './item.errors.js';
import { assigned, cmd, DISTRICTS_GROUP, ev, issued, kienHai, MAY_1, MAY_10, monitor, phuQuoc, rachGia, secretariat, underWay, unitWithoutId } from './item.fixtures.js';

const spec = deciderSpec(itemDecider);

const DESCRIPTION = 'Đảo Hòn Tre chưa có điểm thu nhận hồ sơ; thiếu máy thu nhận lưu động';
const SUPPORT = 'Đề nghị Công an tỉnh bố trí tổ cấp thẻ lưu động ra đảo';
const block = (actor: Actor, blockerId: string, supportNeeded?: string) =>
  cmd('ReportBlocker', actor, { blockerId, description: DESCRIPTION, ...(supportNeeded ? { supportNeeded } : {}) }, MAY_1);
const blocked = (unitId: string, blockerId: string) => ev('BlockerReported', { unitId, blockerId, description: DESCRIPTION, reportedAt: MAY_1 });
const resolve = (actor: Actor, blockerId = 'blk-kh-01') => cmd('ResolveBlocker', actor, { blockerId, resolution: 'Tổ lưu động đã ra đảo ngày 8-5' }, MAY_10);
const resolved = (unitId: string, blockerId = 'blk-kh-01') =>
  ev('BlockerResolved', { unitId, blockerId, resolution: 'Tổ lưu động đã ra đảo ngày 8-5', resolvedAt: MAY_10 });

/** Kiên Hải (island district) joined as a lead unit and reported that it lacked equipment. */
const withKienHai = [...underWay, assigned('kien-hai', 'lead', DISTRICTS_GROUP), ev('AssignmentAcknowledged', { unitId: 'kien-hai', acknowledgedAt: MAY_1 })];
const withBlocker = [...withKienHai, blocked('kien-hai', 'blk-kh-01')];

describe('Reporting a blocker', () => {
  it('records what blocks the unit and the support it needs', () => {
    spec
      .given(withKienHai)
      .when(block(kienHai, 'blk-kh-01', SUPPORT))
      .then([ev('BlockerReported', { unitId: 'kien-hai', blockerId: 'blk-kh-01', description: DESCRIPTION, supportNeeded: SUPPORT, reportedAt: MAY_1 })]);
  });

  it('records no support request when none is given', () => {
    spec.given(withKienHai).when(block(kienHai, 'blk-kh-01')).then([blocked('kien-hai', 'blk-kh-01')]);
  });

  it('refuses a blocker before the assignment is acknowledged', () => {
    spec
      .given([issued, assigned('kien-hai', 'lead', DISTRICTS_GROUP)])
      .when(block(kienHai, 'blk-kh-01'))
      .thenThrows(NotAcknowledgedError, { code: 'ASSIGNMENT.NOT_ACKNOWLEDGED', details: { unitId: 'kien-hai' } });
  });

  it('refuses a unit that is not assigned to the item', () => {
    spec.given(underWay).when(block(kienHai, 'blk-kh-01')).thenThrows(NotAssignedError, { code: 'ASSIGNMENT.NOT_ASSIGNED', details: { unitId: 'kien-hai' } });
  });

  it('is reserved to units, and to unit tokens that name their unit', () => {
    for (const actor of [secretariat, monitor]) {
      spec.given(withKienHai).when(block(actor, 'blk-01')).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    }
    spec.given(withKienHai).when(block(unitWithoutId, 'blk-01')).thenThrows(UnitIdentityMissingError, { code: 'AUTH.UNIT_IDENTITY_MISSING' });
  });

  it('refuses a blocker id already used on the item, by the same unit or another', () => {
    for (const actor of [kienHai, rachGia]) {
      spec.given(withBlocker).when(block(actor, 'blk-kh-01')).thenThrows(BlockerExistsError, { code: 'BLOCKER.ALREADY_REPORTED', details: { blockerId: 'blk-kh-01' } });
    }
  });
});

describe('Resolving a blocker', () => {
  it('records the resolution by the unit that reported the blocker', () => {
    spec.given(withBlocker).when(resolve(kienHai)).then([resolved('kien-hai')]);
  });

  it('records the resolution by the secretariat, on the reporting unit’s blocker', () => {
    spec.given(withBlocker).when(resolve(secretariat)).then([resolved('kien-hai')]);
  });

  it('refuses another unit', () => {
    spec.given(withBlocker).when(resolve(phuQuoc)).thenThrows(NotOwnBlockerError, { code: 'BLOCKER.NOT_OWN', field: 'blockerId', details: { blockerId: 'blk-kh-01' } });
  });

  it('refuses a monitor', () => {
    spec.given(withBlocker).when(resolve(monitor)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('refuses a unit token that names no unit', () => {
    spec.given(withBlocker).when(resolve(unitWithoutId)).thenThrows(UnitIdentityMissingError, { code: 'AUTH.UNIT_IDENTITY_MISSING' });
  });

  it('refuses to resolve a blocker twice', () => {
    spec
      .given([...withBlocker, resolved('kien-hai')])
      .when(resolve(secretariat))
      .thenThrows(BlockerAlreadyResolvedError, { code: 'BLOCKER.ALREADY_RESOLVED', details: { blockerId: 'blk-kh-01' } });
  });

  it('refuses a blocker that was never reported', () => {
    spec.given(withBlocker).when(resolve(secretariat, 'blk-09')).thenThrows(BlockerNotFoundError, { code: 'BLOCKER.NOT_FOUND', field: 'blockerId' });
  });
});
