import { DomainError } from '#directives';

/** The read model has no built generation yet (first start, or Redis was emptied): it is being built. */
export class ReadModelNotReadyError extends DomainError {
  readonly code = 'READ_MODEL.NOT_READY';
  readonly category = 'unavailable';
  constructor(projection: string) {
    super(`The ${projection} read model is being built from the event log; try again in a moment`, undefined, { projection });
  }
}

export class UnknownProjectionError extends DomainError {
  readonly code = 'READ_MODEL.UNKNOWN';
  readonly category = 'not_found';
  constructor(name: string, known: readonly string[]) {
    super(`No read model is called ${name}; known: ${known.join(', ')}`, 'name', { name, known });
  }
}
