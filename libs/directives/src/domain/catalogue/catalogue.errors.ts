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

/** A webhook URL the engine cannot post to: not http(s), too long, malformed or carrying credentials. */
export class WebhookUrlInvalidError extends DomainError {
  readonly code = 'WEBHOOK.URL_INVALID';
  readonly category = 'validation';
  constructor(problem: string) {
    super(`url ${problem}`, 'url', { rule: 'isWebhookUrl' });
  }
}

/** A webhook secret too short to sign with (the API generates 32 random bytes). */
export class WebhookSecretTooWeakError extends DomainError {
  readonly code = 'WEBHOOK.SECRET_TOO_WEAK';
  readonly category = 'validation';
  constructor(minLength: number) {
    super(`secret must be at least ${minLength} characters`, 'secret', { minLength });
  }
}

export class WebhookNotFoundError extends DomainError {
  readonly code = 'WEBHOOK.NOT_FOUND';
  readonly category = 'not_found';
  constructor(unitId: string) {
    super(`Unit ${unitId} has no webhook`, 'unitId', { unitId });
  }
}

/** A unit manages its own webhook only. */
export class NotYourUnitError extends DomainError {
  readonly code = 'WEBHOOK.NOT_YOUR_UNIT';
  readonly category = 'forbidden';
  constructor(unitId: string, actorUnitId: string) {
    super(`A unit manages only its own webhook: ${actorUnitId} may not manage that of ${unitId}`, 'unitId', { unitId, actorUnitId });
  }
}
