import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import type { Actor } from '../shared/actor.js';
import { RoleNotAllowedError } from '../shared/domain-error.js';
import type { RegisterDirective } from './directive.commands.js';
import { directiveRegistryDecider, itemIdOf } from './directive.decider.js';
import {
  DirectiveAlreadyRegisteredError,
  DirectiveNumberTakenError,
  DuplicateItemNumberError,
  IssueDateInFutureError,
  ItemDeadlineBeforeIssueError,
} from './directive.errors.js';
import { InvalidDateError } from '../item/item.errors.js';
import type { DirectiveItemDefinition, DirectiveRecord, DirectiveRegistryEvent } from './directive.events.js';

const spec = deciderSpec(directiveRegistryDecider);

const secretariat: Actor = { subject: 'vptu.chuyen-vien-01', role: 'secretariat' };
const ISSUER = 'Tỉnh ủy Kiên Giang — Ban Thường vụ Tỉnh ủy';
const NOW = '2021-04-14T08:00:00.000Z';
const ID = 'kg-126-cv-tu-2021';

const lead = ['Cấp ủy đảng, chính quyền các cấp', 'Ban cán sự đảng UBND tỉnh', 'Đảng ủy Công an tỉnh', 'Các huyện, thành ủy', 'Ủy ban MTTQ tỉnh, các đoàn thể'];
const items: DirectiveItemDefinition[] = lead.map((title, i) => ({
  itemId: itemIdOf(ID, i + 1),
  number: i + 1,
  title,
  text: `Nhiệm vụ ${i + 1} của Công văn 126-CV/TU`,
  duties: [{ code: 'propaganda', description: 'Đẩy mạnh tuyên truyền về căn cước công dân' }],
  targets: i === 0 ? [{ metric: 'cards_issued', value: 1_171_200, label: 'thẻ CCCD đã cấp' }] : [],
  deadline: '2021-06-30',
  focusAreas: i === 2 ? ['remote', 'border', 'island'] : [],
}));

const CV_126: DirectiveRecord = {
  directiveId: ID,
  header: {
    issuer: ISSUER,
    number: '126-CV/TU',
    issuedOn: '2021-04-14',
    place: 'Kiên Giang',
    subject: 'Chỉ đạo đẩy mạnh công tác cấp căn cước công dân trên địa bàn tỉnh',
    signer: { name: 'Mai Văn Huỳnh', title: 'Phó Bí thư Thường trực' },
    addressees: ['Các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh', 'Các huyện, thành ủy, đảng ủy trực thuộc Tỉnh ủy'],
    legalBasis: ['Luật Căn cước công dân 2014', 'Quyết định 2083/QĐ-TTg', 'Quyết định 1368/QĐ-TTg'],
  },
  monitoring: { leadUnitId: 'dang-uy-cong-an-tinh', withUnitIds: ['van-phong-tinh-uy'], reportsTo: 'ban-thuong-vu-tinh-uy' },
  items,
};

const register = (data: DirectiveRecord, now = NOW, actor = secretariat): RegisterDirective => ({ type: 'RegisterDirective', data, actor, now });
const registered = (data: DirectiveRecord, at = NOW): DirectiveRegistryEvent => ({ type: 'DirectiveRegistered', data: { ...data, registeredAt: at } });
const withHeader = (changes: Partial<DirectiveRecord['header']>, directiveId = ID): DirectiveRecord => ({ ...CV_126, directiveId, header: { ...CV_126.header, ...changes } });

describe('Registering a directive', () => {
  it('records the header, the monitoring arrangement and the items of 126-CV/TU', () => {
    spec.given([]).when(register(CV_126)).then([registered(CV_126)]);
  });

  it('names item n of a directive `<directiveId>.<n>`', () => {
    expect(itemIdOf(ID, 3)).toBe('kg-126-cv-tu-2021.3');
  });

  it.each<[string, Actor]>([
    ['a monitor', { subject: 'dang-uy-cong-an-tinh.01', role: 'monitor' }],
    ['a unit', { subject: 'rach-gia.01', role: 'unit', unitId: 'rach-gia' }],
    ['an administrator', { subject: 'admin-01', role: 'admin' }],
  ])('is reserved to the secretariat: %s is refused', (_who, actor) => {
    spec.given([]).when(register(CV_126, NOW, actor)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('refuses a directive id already registered', () => {
    spec
      .given([registered(CV_126)])
      .when(register(withHeader({ number: '127-CV/TU' })))
      .thenThrows(DirectiveAlreadyRegisteredError, { code: 'DIRECTIVE.ALREADY_REGISTERED', details: { directiveId: ID } });
  });

  it('refuses a number the same issuer already used, whatever its case and surrounding spaces', () => {
    for (const header of [{}, { number: ' 126-cv/tu ', issuer: ` ${ISSUER.toUpperCase()}` }]) {
      spec
        .given([registered(CV_126)])
        .when(register(withHeader(header, 'kg-126-cv-tu-copy')))
        .thenThrows(DirectiveNumberTakenError, { code: 'DIRECTIVE.NUMBER_TAKEN', field: 'number', details: { existingId: ID } });
    }
  });

  it('accepts the same number from another issuer', () => {
    const other = withHeader({ issuer: 'Huyện ủy Kiên Hải', number: '126-CV/TU' }, 'kh-126-cv-tu-2021');
    spec.given([registered(CV_126)]).when(register(other)).then([registered(other)]);
  });

  it('refuses an issue date later than today in +07, and accepts today in +07', () => {
    spec
      .given([])
      .when(register(CV_126, '2021-04-13T16:59:59.999Z'))
      .thenThrows(IssueDateInFutureError, { code: 'DIRECTIVE.ISSUED_IN_FUTURE', field: 'issuedOn' });
    spec.given([]).when(register(CV_126, '2021-04-13T17:00:00.000Z')).then([registered(CV_126, '2021-04-13T17:00:00.000Z')]);
  });

  it('refuses two items with the same number, naming the second', () => {
    const twice = { ...CV_126, items: [items[0]!, { ...items[1]!, number: 1 }] };
    spec
      .given([])
      .when(register(twice))
      .thenThrows(DuplicateItemNumberError, { code: 'DIRECTIVE.DUPLICATE_ITEM_NUMBER', field: 'items[1].number', details: { number: 1 } });
  });

  it('refuses an item deadline before the issue date, and accepts one on the issue date', () => {
    const early = { ...CV_126, items: [items[0]!, { ...items[1]!, deadline: '2021-04-13' }] };
    spec.given([]).when(register(early)).thenThrows(ItemDeadlineBeforeIssueError, { code: 'DIRECTIVE.DEADLINE_BEFORE_ISSUE', field: 'items[1].deadline' });
    const sameDay = { ...CV_126, items: [{ ...items[0]!, deadline: '2021-04-14' }] };
    spec.given([]).when(register(sameDay)).then([registered(sameDay)]);
  });

  it('refuses, before anything is recorded, an item whose deadline has already passed (its issuing would be refused)', () => {
    const late = '2021-07-02T03:00:00.000Z';
    const backfilled = withHeader({ issuedOn: '2021-04-14' });
    spec.given([]).when(register(backfilled, late)).thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'items[0].deadline' });
  });
});
