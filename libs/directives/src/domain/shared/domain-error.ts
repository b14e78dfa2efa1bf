/**
 * How a broken rule is answered: `validation` (400), `not_found` (404), `forbidden` (403),
 * `conflict` (409: the rule forbids it in the current state), `unprocessable` (422: the request
 * is well formed but cannot be honoured as sent, e.g. an idempotency key reused for another
 * request), `unavailable` (503: try again shortly, e.g. a read model still being built).
 */
export type ErrorCategory = 'validation' | 'not_found' | 'forbidden' | 'conflict' | 'unprocessable' | 'unavailable';

/**
 * Base class of every business-rule error. Each rule has its own subclass with a stable `code`
 * (for example `ITEM.CLOSED`): clients and tests rely on the code, never on the message.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly category: ErrorCategory;

  constructor(
    message: string,
    /** The request field the rule concerns, when there is one (`metrics.cards_issued`). */
    readonly field?: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The actor's role may not perform this action. */
export class RoleNotAllowedError extends DomainError {
  readonly code = 'AUTH.ROLE_NOT_ALLOWED';
  readonly category = 'forbidden';

  constructor(action: string, role: string, allowed: readonly string[]) {
    super(`Role "${role}" may not ${action}; allowed: ${allowed.join(', ')}`, undefined, { action, role, allowed });
  }
}

/** A unit actor's token carries no unit. */
export class UnitIdentityMissingError extends DomainError {
  readonly code = 'AUTH.UNIT_IDENTITY_MISSING';
  readonly category = 'forbidden';

  constructor() {
    super('A unit actor must carry the unit it speaks for');
  }
}
