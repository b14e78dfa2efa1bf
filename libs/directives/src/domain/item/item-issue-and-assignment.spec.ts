import { describe, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import { RoleNotAllowedError, UnitIdentityMissingError } from '../shared/domain-error.js';
import { itemDecider } from './item.decide.js';
import {
  AlreadyAcknowledgedError,
  AlreadyAssignedError,
  AssignmentRoleConflictError,
  InvalidDateError,
  ItemAlreadyIssuedError,
  ItemNotFoundError,
  NotAssignedError,
} from './item.errors.js';
import {
  ACK_AT,
  acknowledged,
  admin,
  ASSIGNED_AT,
  assigned,
  cmd,
  deadline,
  DISTRICTS_GROUP,
  ev,
  everyCommandAfterIssue,
  ISSUE_DATA,
  issued,
  ISSUED_AT,
  issueItem,
  ITEM_ID,
  JUNE_1,
  LAST_MOMENT,
  MAY_1,
  monitor,
  phuQuoc,
  rachGia,
  secretariat,
  underWay,
  unitWithoutId,
} from './item.fixtures.js';

const spec = deciderSpec(itemDecider);
const G = DISTRICTS_GROUP;

describe('Issuing an item', () => {
  it('records the item with its target and a deadline due at the end of 30-6-2021 in +07', () => {
    spec.given([]).when(issueItem(secretariat, ISSUED_AT)).then([issued]);
  });

  it('keeps the areas the item names for special solutions (remote, border, island)', () => {
    const data = { ...ISSUE_DATA, focusAreas: ['remote', 'border', 'island'] };
    spec
      .given([])
      .when(cmd('IssueItem', secretariat, data, ISSUED_AT))
      .then([{ ...issued, data: { ...issued.data, focusAreas: ['remote', 'border', 'island'] } }]);
  });

  it.each([
    ['a unit', rachGia],
    ['a monitor', monitor],
    ['an administrator', admin],
  ])('is reserved to the secretariat: %s is refused', (_who, actor) => {
    spec.given([]).when(issueItem(actor, ISSUED_AT)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('refuses to issue the same item twice', () => {
    spec.given([issued]).when(issueItem(secretariat, MAY_1)).thenThrows(ItemAlreadyIssuedError, { code: 'ITEM.ALREADY_ISSUED' });
  });

  it('refuses a deadline that is not a calendar date', () => {
    spec
      .given([])
      .when(cmd('IssueItem', secretariat, { ...ISSUE_DATA, deadline: '2021-06-31' }, ISSUED_AT))
      .thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'deadline' });
  });

  it('refuses a deadline already over in +07, and accepts one that is today in +07', () => {
    const july1Early = '2021-06-30T17:30:00.000Z'; // 00:30 on 2021-07-01 in +07
    spec.given([]).when(issueItem(secretariat, july1Early)).thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'deadline' });
    spec.given([]).when(issueItem(secretariat, LAST_MOMENT)).then([{ ...issued, data: { ...issued.data, issuedAt: LAST_MOMENT } }]);
  });

  it.each(everyCommandAfterIssue(MAY_1))('answers %s on an item never issued with ITEM.NOT_FOUND', (_type, command) => {
    spec.given([]).when(command).thenThrows(ItemNotFoundError, { code: 'ITEM.NOT_FOUND', details: { itemId: ITEM_ID } });
  });
});

describe('Assigning units', () => {
  const assign = (assignees: Array<{ unitId: string; role: 'lead' | 'cooperating'; viaGroupId?: string }>, extra = {}, now = ASSIGNED_AT) =>
    cmd('AssignUnits', secretariat, { assignees, ...extra }, now);

  it('fans a group out into one assignment per unit, keeping the group and the item deadline', () => {
    spec
      .given([issued])
      .when(assign([
        { unitId: 'rach-gia', role: 'lead', viaGroupId: G },
        { unitId: 'kien-hai', role: 'lead', viaGroupId: G },
        { unitId: 'dang-uy-cong-an-tinh', role: 'cooperating' },
      ]))
      .then([assigned('rach-gia', 'lead', G), assigned('kien-hai', 'lead', G), assigned('dang-uy-cong-an-tinh', 'cooperating')]);
  });

  it('gives a unit its own deadline when one is set', () => {
    spec
      .given([issued])
      .when(assign([{ unitId: 'kien-hai', role: 'lead', viaGroupId: G }], { deadline: '2021-06-15' }))
      .then([assigned('kien-hai', 'lead', G, deadline('2021-06-15'))]);
  });

  it('refuses a unit deadline that is not a calendar date or is already over', () => {
    spec
      .given([issued])
      .when(assign([{ unitId: 'kien-hai', role: 'lead' }], { deadline: '2021-02-30' }))
      .thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'deadline' });
    spec
      .given([issued])
      .when(assign([{ unitId: 'kien-hai', role: 'lead' }], { deadline: '2021-05-31' }, JUNE_1))
      .thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'deadline' });
  });

  it.each([
    ['a monitor', monitor],
    ['a unit', rachGia],
    ['an administrator', admin],
  ])('is reserved to the secretariat: %s is refused', (_who, actor) => {
    spec
      .given([issued])
      .when(cmd('AssignUnits', actor, { assignees: [{ unitId: 'rach-gia', role: 'lead' }] }, ASSIGNED_AT))
      .thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('refuses an assignment in which every unit is already assigned with that role', () => {
    spec
      .given(underWay)
      .when(assign([{ unitId: 'rach-gia', role: 'lead', viaGroupId: G }, { unitId: 'phu-quoc', role: 'lead', viaGroupId: G }], {}, MAY_1))
      .thenThrows(AlreadyAssignedError, { code: 'ASSIGNMENT.ALREADY_ASSIGNED', details: { unitIds: ['rach-gia', 'phu-quoc'] } });
  });

  it('records only the units not yet assigned when some already are', () => {
    spec
      .given(underWay)
      .when(assign([{ unitId: 'rach-gia', role: 'lead', viaGroupId: G }, { unitId: 'kien-hai', role: 'lead', viaGroupId: G }], {}, MAY_1))
      .then([assigned('kien-hai', 'lead', G, undefined, MAY_1)]);
  });

  it('records a unit listed twice in one assignment once', () => {
    spec
      .given([issued])
      .when(assign([{ unitId: 'kien-hai', role: 'lead', viaGroupId: G }, { unitId: 'kien-hai', role: 'lead' }]))
      .then([assigned('kien-hai', 'lead', G)]);
  });

  it('refuses one unit listed as lead and as cooperating in the same assignment', () => {
    spec
      .given([issued])
      .when(assign([{ unitId: 'kien-hai', role: 'lead' }, { unitId: 'kien-hai', role: 'cooperating' }]))
      .thenThrows(AssignmentRoleConflictError, { code: 'ASSIGNMENT.ROLE_CONFLICT', details: { unitId: 'kien-hai', current: 'lead', requested: 'cooperating' } });
  });

  it('refuses to make a cooperating unit also a lead unit', () => {
    spec
      .given(underWay)
      .when(assign([{ unitId: 'dang-uy-cong-an-tinh', role: 'lead' }], {}, MAY_1))
      .thenThrows(AssignmentRoleConflictError, {
        code: 'ASSIGNMENT.ROLE_CONFLICT',
        details: { unitId: 'dang-uy-cong-an-tinh', current: 'cooperating', requested: 'lead' },
      });
  });
});

describe('Acknowledging an assignment', () => {
  const givenAssigned = [issued, assigned('rach-gia', 'lead', G)];

  it('records the acknowledgement of the assigned unit, with its note', () => {
    spec
      .given(givenAssigned)
      .when(cmd('AcknowledgeAssignment', rachGia, { note: 'Đã tiếp nhận, triển khai ngay' }, ACK_AT))
      .then([ev('AssignmentAcknowledged', { unitId: 'rach-gia', note: 'Đã tiếp nhận, triển khai ngay', acknowledgedAt: ACK_AT })]);
  });

  it('records no note when none is given', () => {
    spec.given(givenAssigned).when(cmd('AcknowledgeAssignment', rachGia, {}, ACK_AT)).then([acknowledged('rach-gia')]);
  });

  it('refuses a unit that is not assigned to the item', () => {
    spec
      .given(givenAssigned)
      .when(cmd('AcknowledgeAssignment', phuQuoc, {}, ACK_AT))
      .thenThrows(NotAssignedError, { code: 'ASSIGNMENT.NOT_ASSIGNED', details: { itemId: ITEM_ID, unitId: 'phu-quoc' } });
  });

  it.each([
    ['the secretariat', secretariat],
    ['a monitor', monitor],
  ])('is reserved to units: %s cannot acknowledge in a unit’s name', (_who, actor) => {
    spec.given(givenAssigned).when(cmd('AcknowledgeAssignment', actor, {}, ACK_AT)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('refuses a unit token that does not name its unit', () => {
    spec
      .given(givenAssigned)
      .when(cmd('AcknowledgeAssignment', unitWithoutId, {}, ACK_AT))
      .thenThrows(UnitIdentityMissingError, { code: 'AUTH.UNIT_IDENTITY_MISSING' });
  });

  it('refuses a second acknowledgement', () => {
    spec
      .given([...givenAssigned, acknowledged('rach-gia')])
      .when(cmd('AcknowledgeAssignment', rachGia, {}, MAY_1))
      .thenThrows(AlreadyAcknowledgedError, { code: 'ASSIGNMENT.ALREADY_ACKNOWLEDGED' });
  });
});
