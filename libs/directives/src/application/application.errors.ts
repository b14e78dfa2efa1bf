import { DomainError } from '../domain/shared/domain-error.js';

/** The stream kept changing under the command: it was retried and still lost every race. */
export class ConcurrencyConflictError extends DomainError {
  readonly code = 'STORE.CONCURRENCY_CONFLICT';
  readonly category = 'conflict';
  constructor(streamId: string, attempts: number) {
    super(`${streamId} was changed concurrently ${attempts} times in a row; nothing was recorded, retry the request`, undefined, {
      streamId,
      attempts,
    });
  }
}

/** The same Idempotency-Key was sent earlier with a different request. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'REQUEST.IDEMPOTENCY_KEY_REUSED';
  readonly category = 'unprocessable';
  constructor(key: string) {
    super(`Idempotency-Key "${key}" was already used for a different request`, 'Idempotency-Key', { key });
  }
}
