import { DomainError } from '#directives';

export class DeliveryNotFoundError extends DomainError {
  readonly code = 'DELIVERY.NOT_FOUND';
  readonly category = 'not_found';
  constructor(id: string) {
    super(`No delivery ${id} is queued or parked`, 'id', { id });
  }
}

/** Only a parked delivery (its attempts spent) is retried by hand; a pending one retries by itself. */
export class DeliveryNotParkedError extends DomainError {
  readonly code = 'DELIVERY.NOT_PARKED';
  readonly category = 'conflict';
  constructor(id: string, state: string) {
    super(`Delivery ${id} is ${state}, not parked: only a parked delivery can be retried`, 'id', { id, state });
  }
}
