/**
 * The one source of time. Everything that needs "now" (deciders' commands, recorded times,
 * reminders) takes it from the injected clock, so tests and the demo can run a whole campaign
 * in seconds by swapping the implementation.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol.for('directive-engine.Clock');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that only moves when told to: for tests and for replaying a campaign. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
