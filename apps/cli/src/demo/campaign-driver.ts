/**
 * Plays the script on the engine's own clock: it computes "now" from the same CLOCK_START,
 * CLOCK_ANCHOR and TIME_SCALE the API and the worker were given, sleeps (in real time) until the
 * next step's engine instant, then sends every step that is due. Steps of one lane run in order;
 * lanes run side by side, so a burst of reports does not push the later steps past their day.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '#platform';
import type { ActionKind, CampaignAction, CampaignMemory } from './campaign-action.js';
import type { CampaignFacts, CampaignProgress } from './campaign-progress.js';
import type { CampaignWatch } from './campaign-watch.js';
import type { DemoApi } from './demo-api.js';

/**
 * Lanes sent at once. Reports of one item sent together are decided and appended together by the
 * engine (one transaction), so a driver that fell behind on a busy machine catches up quickly.
 */
const LANES_AT_ONCE = 8;
/** The longest real sleep between two looks at the clock (the progress line moves meanwhile). */
const TICK_MS = 100;

export interface DriverParts {
  readonly api: DemoApi;
  readonly clock: Clock;
  /** Engine milliseconds per real millisecond. */
  readonly scale: number;
  readonly watch: CampaignWatch;
  readonly progress: CampaignProgress;
  readonly signal: AbortSignal;
}

export class CampaignDriver {
  private readonly sent: Record<ActionKind, number> = { acknowledgement: 0, report: 0, completion: 0, review: 0, decision: 0, check: 0 };
  private readonly cards = new Map<string, number>();
  private readonly memory: CampaignMemory = new Map();
  /** Engine time when the last steps were answered: no fact of the campaign's was recorded later (but the worker's own). */
  lastSentAt = '';

  constructor(private readonly parts: DriverParts) {}

  /** Sends every step when its time comes, then waits for the engine clock to reach `until`. */
  async play(actions: readonly CampaignAction[], until: string): Promise<void> {
    const queue = [...actions].sort((a, b) => a.at.localeCompare(b.at));
    let next = 0;
    while (next < queue.length) {
      await this.waitUntil(queue[next]!.at);
      const end = this.batchEnd(queue, next);
      await this.runBatch(queue.slice(next, end));
      this.lastSentAt = this.parts.clock.now().toISOString();
      next = end;
    }
    await this.waitUntil(until);
  }

  /**
   * Where the batch starting at `next` ends: every step due by now, but a barrier runs alone, after
   * the steps before it (a driver running late still keeps the monitor's check after the reports).
   */
  private batchEnd(queue: readonly CampaignAction[], next: number): number {
    if (queue[next]!.barrier) return next + 1;
    const now = this.parts.clock.now().toISOString();
    let end = next;
    while (end < queue.length && queue[end]!.at <= now && !queue[end]!.barrier) end += 1;
    return Math.max(end, next + 1);
  }

  /** What was sent and seen so far, at the engine's now. */
  facts(): CampaignFacts {
    const cards = [...this.cards.values()].reduce((sum, value) => sum + value, 0);
    return { now: this.parts.clock.now().toISOString(), sent: { ...this.sent }, cards, seen: { ...this.parts.watch.counts } };
  }

  /**
   * Sleeps in short real-time ticks until the engine clock reaches `instant`, or `done` says there
   * is nothing left to wait for, redrawing the progress line meanwhile.
   */
  async waitUntil(instant: string, done: () => boolean = () => false): Promise<void> {
    for (;;) {
      this.parts.signal.throwIfAborted();
      this.parts.progress.update(this.facts());
      const engineMs = Date.parse(instant) - this.parts.clock.now().getTime();
      if (engineMs <= 0 || done()) return;
      await sleep(Math.max(1, Math.min(engineMs / this.parts.scale, TICK_MS)), undefined, { signal: this.parts.signal });
    }
  }

  private async runBatch(batch: readonly CampaignAction[]): Promise<void> {
    const lanes = new Map<string, CampaignAction[]>();
    for (const action of batch) lanes.set(action.lane, [...(lanes.get(action.lane) ?? []), action]);
    const queue = [...lanes.values()];
    const runner = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) await this.runLane(lane);
    };
    await Promise.all(Array.from({ length: Math.min(LANES_AT_ONCE, queue.length) }, runner));
  }

  private async runLane(lane: readonly CampaignAction[]): Promise<void> {
    for (const action of lane) {
      this.parts.signal.throwIfAborted();
      await action.run(this.parts.api, this.memory, this.parts.clock.now().toISOString());
      this.sent[action.kind] += 1;
      if (action.cards) this.cards.set(action.cards.unitId, action.cards.value);
    }
  }
}
