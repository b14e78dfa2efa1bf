/**
 * One scripted step of the campaign: who does what on which item, at which engine instant. The
 * driver runs each when the engine clock reaches it; steps of one lane (one unit's work on one
 * item, and the decisions about it) run in order, other lanes run side by side.
 */
import type { DemoApi, Who } from './demo-api.js';
import { vnInstant } from './campaign-calendar.js';

/** What the progress line counts. */
export type ActionKind = 'acknowledgement' | 'report' | 'completion' | 'review' | 'decision' | 'check';

/** Ids the engine gave to things a step created (a blocker, an extension request), for later steps. */
export type CampaignMemory = Map<string, string>;

export interface CampaignAction {
  /** Engine instant, UTC ISO-8601. */
  readonly at: string;
  readonly lane: string;
  readonly kind: ActionKind;
  readonly label: string;
  /**
   * A step that must see every earlier step done and come before every later one (the monitor's
   * look at the forecast); other steps of different lanes may run side by side.
   */
  readonly barrier?: boolean;
  /** For reports of item 1: the district's cumulative cards, which the progress line sums. */
  readonly cards?: { readonly unitId: string; readonly value: number };
  /** Sends the step; `now` is the engine's time as the driver sends it (UTC ISO-8601). */
  run(api: DemoApi, memory: CampaignMemory, now: string): Promise<void>;
}

/** The directive, its item ids, the units' names and who is in which group, as the seed registered them. */
export interface ScriptContext {
  readonly directiveId: string;
  readonly itemId: (number: number) => string;
  readonly unitName: (unitId: string) => string;
  readonly members: (groupId: string) => readonly string[];
}

/**
 * A step at `when` (a date and an `HH:MM` in +07) that posts one command. `needs` names an id an
 * earlier step remembered, put in place of `{id}` in the path; `remember` keeps the id the engine
 * gives to what this step creates.
 */
export function command(
  when: readonly [string, string],
  lane: string,
  kind: ActionKind,
  label: string,
  request: { who: Who; path: string; body: unknown; key: string; needs?: string; remember?: string },
): CampaignAction {
  return {
    at: vnInstant(when[0], when[1]),
    lane,
    kind,
    label,
    async run(api, memory) {
      const answer = await api.post(request.who, pathOf(request.path, request.needs, memory, label), request.body, `demo:${request.key}`, label);
      if (request.remember && typeof answer.id === 'string') memory.set(request.remember, answer.id);
    },
  };
}

function pathOf(path: string, needs: string | undefined, memory: CampaignMemory, label: string): string {
  if (!needs) return path;
  const id = memory.get(needs);
  if (!id) throw new Error(`${label}: the id of ${needs} was not recorded by an earlier step`);
  return path.replace('{id}', id);
}

/** The lane of one unit's work on one item. */
export const laneOf = (item: number, unitId: string): string => `${item}:${unitId}`;
