import { DomainError } from '../shared/domain-error.js';

export class UnitAlreadyRegisteredError extends DomainError {
  readonly code = 'UNIT.ALREADY_REGISTERED';
  readonly category = 'conflict';
  constructor(unitId: string) {
    super(`Unit ${unitId} is already registered`, 'id', { unitId });
  }
}

/** A reference to a unit the catalogue does not hold. */
export class UnitNotFoundError extends DomainError {
  readonly code = 'UNIT.NOT_FOUND';
  readonly category = 'not_found';
  constructor(unitId: string, field = 'unitId') {
    super(`${field}: unit ${unitId} is not in the catalogue`, field, { unitId });
  }
}

export class GroupAlreadyDefinedError extends DomainError {
  readonly code = 'GROUP.ALREADY_DEFINED';
  readonly category = 'conflict';
  constructor(groupId: string) {
    super(`Unit group ${groupId} is already defined`, 'id', { groupId });
  }
}

export class GroupNotFoundError extends DomainError {
  readonly code = 'GROUP.NOT_FOUND';
  readonly category = 'not_found';
  constructor(groupId: string, field = 'groupId') {
    super(`${field}: unit group ${groupId} is not defined`, field, { groupId });
  }
}
