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

/**
 * Engine time running `scale` times faster than real time from an anchor: engine instant
 * `start` corresponds to real instant `anchor`. Every process given the same settings agrees on
 * "now", so an API and a worker started apart still share one campaign clock (the demo runs
 * weeks in minutes). Real delays are engine delays divided by `scale`.
 */
export class ScaledClock implements Clock {
  private readonly start: number;
  private readonly anchor: number;

  constructor(
    start: Date | string,
    readonly scale: number,
    anchor: Date | string = new Date(),
  ) {
    this.start = new Date(start).getTime();
    this.anchor = new Date(anchor).getTime();
  }

  now(): Date {
    return new Date(this.start + (Date.now() - this.anchor) * this.scale);
  }
}

/** How many engine milliseconds pass per real millisecond (1 unless the clock is scaled). */
export function timeScaleOf(clock: Clock): number {
  return clock instanceof ScaledClock ? clock.scale : 1;
}

/** The clock the configuration asks for: the system clock unless a start or a time scale is set. */
export function clockFromConfig(settings: { readonly start?: string; readonly anchor?: string; readonly scale: number }): Clock {
  if (settings.start === undefined && settings.scale === 1) return new SystemClock();
  const anchor = settings.anchor ?? new Date().toISOString();
  return new ScaledClock(settings.start ?? anchor, settings.scale, anchor);
}
