import { describe, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import type { Actor } from '../shared/actor.js';
import { RoleNotAllowedError } from '../shared/domain-error.js';
import type { Nominee } from './item.events.js';
import { itemDecider } from './item.decide.js';
import {
  CommendationExistsError,
  ItemAlreadyCompletedError,
  ItemAlreadyIssuedError,
  ItemClosedError,
  ItemNotCompletedError,
  NomineeNotAssignedError,
  ReasonRequiredError,
} from './item.errors.js';
import {
  admin,
  cmd,
  completed,
  completionReported,
  ev,
  everyCommandAfterIssue,
  issueItem,
  ITEM_ID,
  JULY_10,
  JUNE_25,
  monitor,
  police,
  rachGia,
  secretariat,
  underWay,
} from './item.fixtures.js';

const spec = deciderSpec(itemDecider);

const REASON = 'Hoàn thành vượt chỉ tiêu cấp thẻ căn cước công dân trước thời hạn';
const rachGiaCommittee: Nominee = { kind: 'collective', name: 'Ban Thường vụ Thành ủy Rạch Giá', unitId: 'rach-gia' };
const officer: Nominee = { kind: 'individual', name: 'Nguyễn Văn Bình', unitId: 'dang-uy-cong-an-tinh', position: 'Đội trưởng Đội cấp thẻ lưu động' };
const propose = (actor: Actor, commendationId: string, nominee: Nominee) => cmd('ProposeCommendation', actor, { commendationId, nominee, reason: REASON }, JULY_10);
const proposed = (commendationId: string, nominee: Nominee) => ev('CommendationProposed', { commendationId, nominee, reason: REASON, proposedAt: JULY_10 });
const close = (actor: Actor, outcome: 'completed' | 'cancelled', note?: string) => cmd('CloseItem', actor, { outcome, ...(note ? { note } : {}) }, JULY_10);
const CANCEL_NOTE = 'Nhiệm vụ được thay thế bởi công văn mới của Ban Thường vụ';

const closedCompleted = [...completed, ev('ItemClosed', { outcome: 'completed', closedAt: JULY_10 })];
const cancelled = [...underWay, ev('ItemClosed', { outcome: 'cancelled', note: CANCEL_NOTE, closedAt: JULY_10 })];

describe('Proposing a commendation', () => {
  it('records a monitor’s proposal for a collective that worked on the item', () => {
    spec.given(underWay).when(propose(monitor, 'kt-01', rachGiaCommittee)).then([proposed('kt-01', rachGiaCommittee)]);
  });

  it('records the secretariat’s proposal for an individual, with or without a unit', () => {
    const citizen: Nominee = { kind: 'individual', name: 'Trần Thị Hoa' };
    spec.given(underWay).when(propose(secretariat, 'kt-02', officer)).then([proposed('kt-02', officer)]);
    spec.given(underWay).when(propose(secretariat, 'kt-03', citizen)).then([proposed('kt-03', citizen)]);
  });

  it.each([
    ['a unit', rachGia],
    ['an administrator', admin],
  ])('is reserved to monitors and the secretariat: %s is refused', (_who, actor) => {
    spec.given(underWay).when(propose(actor, 'kt-01', rachGiaCommittee)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('refuses a nominee unit that is not assigned to the item', () => {
    const kienHai: Nominee = { kind: 'collective', name: 'Huyện ủy Kiên Hải', unitId: 'kien-hai' };
    spec
      .given(underWay)
      .when(propose(monitor, 'kt-01', kienHai))
      .thenThrows(NomineeNotAssignedError, { code: 'COMMENDATION.NOMINEE_NOT_ASSIGNED', field: 'nominee.unitId', details: { unitId: 'kien-hai' } });
  });

  it('refuses a commendation id already proposed', () => {
    spec
      .given([...underWay, proposed('kt-01', rachGiaCommittee)])
      .when(propose(secretariat, 'kt-01', officer))
      .thenThrows(CommendationExistsError, { code: 'COMMENDATION.ALREADY_PROPOSED', details: { commendationId: 'kt-01' } });
  });

  it('is still possible once the item is completed', () => {
    spec.given(completed).when(propose(monitor, 'kt-01', rachGiaCommittee)).then([proposed('kt-01', rachGiaCommittee)]);
  });
});

describe('Closing an item', () => {
  it('closes a completed item as completed', () => {
    spec.given(completed).when(close(secretariat, 'completed')).then([ev('ItemClosed', { outcome: 'completed', closedAt: JULY_10 })]);
    spec
      .given(completed)
      .when(close(secretariat, 'completed', 'Đã báo cáo Ban Thường vụ'))
      .then([ev('ItemClosed', { outcome: 'completed', note: 'Đã báo cáo Ban Thường vụ', closedAt: JULY_10 })]);
  });

  it('refuses to close as completed before every lead unit’s completion is accepted', () => {
    const reportedNotAccepted = [...underWay, completionReported('rach-gia', true, JUNE_25), completionReported('phu-quoc', true, JUNE_25)];
    for (const given of [underWay, reportedNotAccepted]) {
      spec.given(given).when(close(secretariat, 'completed')).thenThrows(ItemNotCompletedError, { code: 'ITEM.NOT_COMPLETED', field: 'outcome' });
    }
  });

  it('cancels an item with the reason given', () => {
    spec.given(underWay).when(close(secretariat, 'cancelled', CANCEL_NOTE)).then([ev('ItemClosed', { outcome: 'cancelled', note: CANCEL_NOTE, closedAt: JULY_10 })]);
  });

  it('refuses to cancel an item whose completion was accepted', () => {
    spec.given(completed).when(close(secretariat, 'cancelled', CANCEL_NOTE)).thenThrows(ItemAlreadyCompletedError, { code: 'ITEM.ALREADY_COMPLETED' });
  });

  it('refuses a cancellation without a reason', () => {
    spec.given(underWay).when(close(secretariat, 'cancelled')).thenThrows(ReasonRequiredError, { code: 'ITEM.REASON_REQUIRED', field: 'note' });
  });

  it.each([
    ['a monitor', monitor],
    ['a unit', police],
    ['an administrator', admin],
  ])('is reserved to the secretariat: %s is refused', (_who, actor) => {
    spec.given(completed).when(close(actor, 'completed')).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });
});

describe('A completed item', () => {
  const work = everyCommandAfterIssue(JULY_10).filter(([type]) => type !== 'ProposeCommendation' && type !== 'CloseItem');

  it.each(work)('refuses %s: only commendations and closing remain', (_type, command) => {
    spec.given(completed).when(command).thenThrows(ItemAlreadyCompletedError, { code: 'ITEM.ALREADY_COMPLETED', details: { itemId: ITEM_ID } });
  });
});

describe('A closed item', () => {
  it.each(everyCommandAfterIssue(JULY_10))('refuses %s once closed as completed', (_type, command) => {
    spec.given(closedCompleted).when(command).thenThrows(ItemClosedError, { code: 'ITEM.CLOSED', details: { itemId: ITEM_ID } });
  });

  it.each(everyCommandAfterIssue(JULY_10))('refuses %s once cancelled', (_type, command) => {
    spec.given(cancelled).when(command).thenThrows(ItemClosedError, { code: 'ITEM.CLOSED', details: { itemId: ITEM_ID } });
  });

  it('answers a new issue of the same item with ITEM.ALREADY_ISSUED', () => {
    spec.given(cancelled).when(issueItem(secretariat, JULY_10)).thenThrows(ItemAlreadyIssuedError, { code: 'ITEM.ALREADY_ISSUED' });
  });
});
