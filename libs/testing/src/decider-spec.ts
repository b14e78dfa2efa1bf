import { expect } from '@jest/globals';
import type { Decider } from '#directives';

type ErrorClass = abstract new (...args: never[]) => Error;

export interface DeciderThen<E> {
  /** The command records exactly these events (strict equality: an `undefined` field is not an absent one). */
  then(expected: E[]): void;
  /** The command is refused with this error class (and, when given, these error fields). */
  thenThrows(errorClass: ErrorClass, fields?: Record<string, unknown>): void;
}

/**
 * Given/when/then specifications for a decider:
 * `spec.given([...events]).when(command).then([...events])` or `.thenThrows(SomeError)`.
 * The state is rebuilt from the given events with the decider's own `evolve`, so a spec also
 * proves that the events it starts from fold without error; `then` also folds the events the
 * command recorded, so a decision that would poison its stream (an event `evolve` refuses) fails.
 */
export function deciderSpec<S, C, E>(decider: Decider<S, C, E>) {
  return {
    given(events: E[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C): DeciderThen<E> {
          return {
            then(expected) {
              const recorded = decider.decide(command, state);
              expect(recorded).toStrictEqual(expected);
              expect(() => recorded.reduce(decider.evolve, state)).not.toThrow();
            },
            thenThrows(errorClass, fields) {
              let thrown: unknown;
              try {
                decider.decide(command, state);
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(errorClass);
              if (fields) expect(thrown).toMatchObject(fields);
            },
          };
        },
      };
    },
  };
}
