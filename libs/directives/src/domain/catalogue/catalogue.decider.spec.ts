import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import type { Actor } from '../shared/actor.js';
import { RoleNotAllowedError } from '../shared/domain-error.js';
import type { CatalogueCommand } from './catalogue.commands.js';
import { catalogueDecider, groupMembers } from './catalogue.decider.js';
import { GroupAlreadyDefinedError, GroupNotFoundError, UnitAlreadyRegisteredError, UnitNotFoundError } from './catalogue.errors.js';
import type { CatalogueEvent, UnitGroupRecord, UnitRecord } from './catalogue.events.js';

const spec = deciderSpec(catalogueDecider);

const secretariat: Actor = { subject: 'vptu.chuyen-vien-01', role: 'secretariat' };
const admin: Actor = { subject: 'admin-01', role: 'admin' };
const NOW = '2021-04-14T01:00:00.000Z';

const province: UnitRecord = { unitId: 'tinh-uy-kien-giang', name: 'Tỉnh ủy Kiên Giang', kind: 'provincial_party_committee', tags: [] };
const rachGia: UnitRecord = { unitId: 'rach-gia', name: 'Thành ủy Rạch Giá', kind: 'city_party_committee', parentId: 'tinh-uy-kien-giang', tags: [] };
const phuQuoc: UnitRecord = { unitId: 'phu-quoc', name: 'Thành ủy Phú Quốc', kind: 'city_party_committee', parentId: 'tinh-uy-kien-giang', tags: ['island'] };
const kienHai: UnitRecord = {
  unitId: 'kien-hai',
  name: 'Huyện ủy Kiên Hải',
  nameEn: 'Kien Hai District Party Committee',
  kind: 'district_party_committee',
  parentId: 'tinh-uy-kien-giang',
  tags: ['island', 'remote'],
};
const districts: UnitGroupRecord = {
  groupId: 'district-party-committees',
  name: 'Các huyện, thành ủy',
  nameEn: 'District and city party committees',
  memberIds: ['rach-gia', 'phu-quoc', 'kien-hai'],
};

const registerUnit = (data: UnitRecord, actor = secretariat): CatalogueCommand => ({ type: 'RegisterUnit', data, actor, now: NOW });
const defineGroup = (data: UnitGroupRecord, actor = secretariat): CatalogueCommand => ({ type: 'DefineUnitGroup', data, actor, now: NOW });
const unitRegistered = (unit: UnitRecord): CatalogueEvent => ({ type: 'UnitRegistered', data: { ...unit, registeredAt: NOW } });
const groupDefined = (group: UnitGroupRecord): CatalogueEvent => ({ type: 'UnitGroupDefined', data: { ...group, definedAt: NOW } });

const units = [province, rachGia, phuQuoc, kienHai].map(unitRegistered);

describe('Registering a unit', () => {
  it('records a unit under its parent, with its tags', () => {
    spec.given([unitRegistered(province)]).when(registerUnit(kienHai)).then([unitRegistered(kienHai)]);
  });

  it('records a unit without a parent', () => {
    spec.given([]).when(registerUnit(province)).then([unitRegistered(province)]);
  });

  it('may be done by an administrator as well as the secretariat', () => {
    spec.given([unitRegistered(province)]).when(registerUnit(rachGia, admin)).then([unitRegistered(rachGia)]);
  });

  it.each<[string, Actor]>([
    ['a monitor', { subject: 'dang-uy-cong-an-tinh.01', role: 'monitor' }],
    ['a unit', { subject: 'rach-gia.01', role: 'unit', unitId: 'rach-gia' }],
  ])('is refused to %s', (_who, actor) => {
    spec.given([]).when(registerUnit(province, actor)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('refuses a unit id already registered', () => {
    spec
      .given(units)
      .when(registerUnit({ ...rachGia, name: 'Thành ủy Rạch Giá (trùng)' }))
      .thenThrows(UnitAlreadyRegisteredError, { code: 'UNIT.ALREADY_REGISTERED', field: 'id', details: { unitId: 'rach-gia' } });
  });

  it('refuses a parent that is not in the catalogue', () => {
    spec
      .given([])
      .when(registerUnit(rachGia))
      .thenThrows(UnitNotFoundError, { code: 'UNIT.NOT_FOUND', field: 'parentId', details: { unitId: 'tinh-uy-kien-giang' } });
  });
});

describe('Defining a unit group', () => {
  it('records the group with its members, each once', () => {
    spec
      .given(units)
      .when(defineGroup({ ...districts, memberIds: ['rach-gia', 'phu-quoc', 'rach-gia', 'kien-hai'] }))
      .then([groupDefined(districts)]);
  });

  it.each<[string, Actor]>([
    ['a monitor', { subject: 'dang-uy-cong-an-tinh.01', role: 'monitor' }],
    ['a unit', { subject: 'rach-gia.01', role: 'unit', unitId: 'rach-gia' }],
  ])('is refused to %s', (_who, actor) => {
    spec.given(units).when(defineGroup(districts, actor)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('refuses a group id already defined', () => {
    spec
      .given([...units, groupDefined(districts)])
      .when(defineGroup({ ...districts, memberIds: ['kien-hai'] }))
      .thenThrows(GroupAlreadyDefinedError, { code: 'GROUP.ALREADY_DEFINED', field: 'id', details: { groupId: 'district-party-committees' } });
  });

  it('refuses a member that is not in the catalogue, naming its position', () => {
    spec
      .given(units)
      .when(defineGroup({ ...districts, memberIds: ['rach-gia', 'ha-tien'] }))
      .thenThrows(UnitNotFoundError, { code: 'UNIT.NOT_FOUND', field: 'memberIds[1]', details: { unitId: 'ha-tien' } });
  });
});

describe('Resolving a group to its members', () => {
  const state = [...units, groupDefined(districts)].reduce(catalogueDecider.evolve, catalogueDecider.initialState());

  it('lists the member units of a defined group', () => {
    expect(groupMembers(state, 'district-party-committees')).toEqual(['rach-gia', 'phu-quoc', 'kien-hai']);
  });

  it('refuses an unknown group, naming the field it came from', () => {
    expect(() => groupMembers(state, 'socio-political-organisations')).toThrow(GroupNotFoundError);
    expect(() => groupMembers(state, 'x', 'assignees[0].groupId')).toThrow(expect.objectContaining({ code: 'GROUP.NOT_FOUND', field: 'assignees[0].groupId' }));
    expect(() => groupMembers(state, 'x')).toThrow(expect.objectContaining({ field: 'groupId', details: { groupId: 'x' } }));
  });

  it('keeps units without their registration time in the state', () => {
    expect(state.units.get('kien-hai')).toStrictEqual(kienHai);
  });
});
