import { DomainError } from '../shared/domain-error.js';

export class DirectiveNotFoundError extends DomainError {
  readonly code = 'DIRECTIVE.NOT_FOUND';
  readonly category = 'not_found';
  constructor(directiveId: string) {
    super(`Directive ${directiveId} does not exist`, 'directiveId', { directiveId });
  }
}

export class DirectiveAlreadyRegisteredError extends DomainError {
  readonly code = 'DIRECTIVE.ALREADY_REGISTERED';
  readonly category = 'conflict';
  constructor(directiveId: string) {
    super(`Directive ${directiveId} is already registered`, 'id', { directiveId });
  }
}

/** One issuer does not issue two documents with the same number. */
export class DirectiveNumberTakenError extends DomainError {
  readonly code = 'DIRECTIVE.NUMBER_TAKEN';
  readonly category = 'conflict';
  constructor(number: string, issuer: string, existingId: string) {
    super(`${issuer} already has a directive numbered ${number} (${existingId})`, 'number', { number, issuer, existingId });
  }
}

export class DuplicateItemNumberError extends DomainError {
  readonly code = 'DIRECTIVE.DUPLICATE_ITEM_NUMBER';
  readonly category = 'validation';
  constructor(index: number, number: number) {
    super(`items[${index}].number ${number} appears twice`, `items[${index}].number`, { number });
  }
}

export class ItemDeadlineBeforeIssueError extends DomainError {
  readonly code = 'DIRECTIVE.DEADLINE_BEFORE_ISSUE';
  readonly category = 'validation';
  constructor(index: number, deadline: string, issuedOn: string) {
    super(`items[${index}].deadline ${deadline} must not precede the issue date ${issuedOn}`, `items[${index}].deadline`);
  }
}

export class IssueDateInFutureError extends DomainError {
  readonly code = 'DIRECTIVE.ISSUED_IN_FUTURE';
  readonly category = 'validation';
  constructor(issuedOn: string, today: string) {
    super(`issuedOn ${issuedOn} must not be in the future (today is ${today} in +07)`, 'issuedOn');
  }
}

/** A reminder policy field breaks its rule; `field` is its path, e.g. `policy.deadlineReminders[1].daysBefore`. */
export class InvalidReminderPolicyError extends DomainError {
  readonly code = 'DIRECTIVE.INVALID_REMINDER_POLICY';
  readonly category = 'validation';
  constructor(field: string, rule: string) {
    super(`${field} ${rule}`, field);
  }
}
