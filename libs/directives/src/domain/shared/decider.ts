/**
 * A decider: the whole behaviour of an aggregate as three pure parts.
 * `decide` validates a command against the current state and returns the new facts (or throws a
 * `DomainError`); `evolve` folds one fact into the state; `initialState` is the state before any.
 * Nothing here performs I/O or reads a clock: the current time arrives inside the command.
 */
export interface Decider<State, Command, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Every event of the engine: a stable type literal and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}
