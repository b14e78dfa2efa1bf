import { DomainError } from '#directives';

/** The item exists, but was issued after the instant asked: it had no state then. */
export class ItemNotIssuedAtError extends DomainError {
  readonly code = 'ITEM.NOT_ISSUED_AT';
  readonly category = 'not_found';
  constructor(itemId: string, asOf: string, issuedAt: string) {
    super(`Item ${itemId} did not exist at ${asOf}: it was issued at ${issuedAt}`, 'asOf', { itemId, asOf, issuedAt });
  }
}

/** The revision asked is beyond the item's last event. */
export class RevisionNotRecordedError extends DomainError {
  readonly code = 'ITEM.REVISION_NOT_RECORDED';
  readonly category = 'not_found';
  constructor(itemId: string, revision: number, last: number) {
    super(`Item ${itemId} has no revision ${revision}: its last is ${last}`, 'revision', { itemId, revision, last });
  }
}

/** The directive exists, but was registered after the instant asked. */
export class DirectiveNotRegisteredAtError extends DomainError {
  readonly code = 'DIRECTIVE.NOT_REGISTERED_AT';
  readonly category = 'not_found';
  constructor(directiveId: string, asOf: string, registeredAt: string, field = 'asOf') {
    super(`Directive ${directiveId} did not exist at ${asOf} (${field}): it was registered at ${registeredAt}`, field, { directiveId, [field]: asOf, registeredAt });
  }
}

/** An as-of instant after the engine's now: the past can be replayed, the future cannot. */
export class AsOfInFutureError extends DomainError {
  readonly code = 'AUDIT.AS_OF_IN_FUTURE';
  readonly category = 'validation';
  constructor(field: string, asOf: string, now: string) {
    super(`${field} must not be later than now (${now}); got ${asOf}`, field, { [field]: asOf, now });
  }
}

/** A diff whose `from` is not before its `to`. */
export class DiffIntervalError extends DomainError {
  readonly code = 'AUDIT.DIFF_INTERVAL';
  readonly category = 'validation';
  constructor(from: string, to: string) {
    super(`from must be earlier than to; got from ${from}, to ${to}`, 'from', { from, to });
  }
}
