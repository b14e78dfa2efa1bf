/**
 * The progress line of the campaign on stderr: the engine's date, how far the campaign is, the
 * province's cards against the target, and what was sent and seen. On a terminal it is one line
 * redrawn in place; otherwise (CI logs, a test reading the output) one line per campaign day.
 */
import { vnDate } from '#directives';
import type { ActionKind } from './campaign-action.js';
import type { FollowUpCounts } from './campaign-watch.js';
import { TARGET } from './district-figures.js';

export interface CampaignFacts {
  /** Engine time, UTC ISO-8601. */
  readonly now: string;
  readonly sent: Readonly<Record<ActionKind, number>>;
  /** The province's cards issued as the districts last reported them. */
  readonly cards: number;
  readonly seen: Readonly<FollowUpCounts>;
}

const WIDTH = 20;
const REDRAW_MS = 100;

export class CampaignProgress {
  private lastDate = '';
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly start: string,
    private readonly end: string,
    private readonly tty = Boolean(process.stderr.isTTY),
  ) {}

  /** Shows the facts: redrawn at most every 100 ms on a terminal, else printed once per engine day. */
  update(facts: CampaignFacts, force = false): void {
    if (facts.now < this.start) return; // the engine is starting: its clock has not reached the campaign yet
    const date = vnDate(facts.now);
    if (this.tty) {
      if (!force && Date.now() - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = Date.now();
      this.drawn = true;
      process.stderr.write(`\r\x1b[2K${this.line(facts).slice(0, (process.stderr.columns ?? 120) - 1)}`);
    } else if (force || date !== this.lastDate) {
      process.stderr.write(`${this.line(facts)}\n`);
    }
    this.lastDate = date;
  }

  /** Ends the redrawn line, so what follows starts on its own. */
  done(): void {
    if (this.tty && this.drawn) process.stderr.write('\n');
    this.drawn = false;
  }

  private line(facts: CampaignFacts): string {
    const span = Date.parse(this.end) - Date.parse(this.start);
    const share = Math.min(1, Math.max(0, (Date.parse(facts.now) - Date.parse(this.start)) / span));
    const filled = Math.round(share * WIDTH);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
    const percent = ((facts.cards / TARGET) * 100).toFixed(1);
    const { sent, seen } = facts;
    return [
      `${vnDate(facts.now)} ${bar} ${String(Math.round(share * 100)).padStart(3)}%`,
      `cards ${percent}% (illustrative)`,
      `${sent.report} reports, ${sent.completion} completions`,
      `${seen.reminders} reminders, ${seen.escalationsRaised} escalations (${seen.escalationsResolved} resolved)`,
    ].join(' | ');
  }
}
