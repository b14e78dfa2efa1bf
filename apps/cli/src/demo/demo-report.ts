/**
 * What the demo prints on stdout once the campaign is played: what happened (as the engine records
 * it, read back through the API), then where to look and with which tokens. The lines naming the
 * addresses and tokens have a fixed shape (`Dashboard: <url>`, `monitor … token: <jwt>`) so
 * scripts can pick them up.
 */
import { CAMPAIGN_END } from './campaign-calendar.js';
import type { CampaignFacts } from './campaign-progress.js';
import type { DemoApi, DemoTokens } from './demo-api.js';
import { TARGET } from './district-figures.js';
import { ILLUSTRATIVE, vn } from './narratives.js';

interface ItemView {
  itemId: string;
  number: number;
  status: string;
  lifecycle: string;
  assignments: { unitId: string; role: string; completion?: { status: string } }[];
}

interface TargetsView {
  metrics: { latest: number; percent: number; atRisk: boolean }[];
}

const out = (line = '') => process.stdout.write(`${line}\n`);

/** The campaign in a few lines: figures of item 1, what was sent, what the worker recorded, each item's status. */
export async function printCampaignSummary(api: DemoApi, facts: CampaignFacts, itemIds: readonly string[], seconds: number): Promise<void> {
  const targets = await api.get<TargetsView>('monitor', `/dashboard/targets/${itemIds[0]}`).catch(() => undefined);
  const cards = targets?.metrics[0];
  const { sent, seen } = facts;
  out('');
  out(`Campaign played in ${seconds} s.`);
  if (cards) out(`  Item 1: ${vn(cards.latest)} of ${vn(TARGET)} cards issued (${cards.percent}%) — per-district figures are illustrative (${ILLUSTRATIVE}).`);
  out(`  Sent through the API: ${sent.acknowledgement} acknowledgements, ${sent.report} progress reports and blockers, ${sent.completion} completion reports, ${sent.review} completion reviews, ${sent.decision} other decisions.`);
  out(`  Recorded by the worker by itself: ${seen.reminders} reminders (${seen.lateReminders} late), ${seen.deadlinesMissed} deadline(s) missed, ${seen.escalationsRaised} escalation(s) raised, ${seen.escalationsClimbed} climbed a level; ${seen.escalationsResolved} resolved by the monitor.`);
  for (const itemId of itemIds) {
    const item = await api.get<ItemView>('monitor', `/items/${itemId}`).catch(() => undefined);
    if (item) out(`  Item ${item.number} (${item.itemId}): ${item.lifecycle === 'closed' ? 'closed' : item.status}${pendingLeads(item)}`);
  }
}

/**
 * Says so when the driver could not keep up with the campaign's clock (a busy machine): its last
 * steps then went out after the deadline, and the dashboards show more overdue work than scripted.
 */
export function printLateness(lastSentAt: string, duration: number): void {
  const lateDays = Math.floor((Date.parse(lastSentAt) - Date.parse(CAMPAIGN_END)) / 86_400_000);
  if (lateDays < 1) return;
  out(`  Note: this machine could not keep up with the clock; the last steps went out ${lateDays} day(s) (engine time) after the deadline. Run with a longer --duration (e.g. --duration ${Math.max(120, duration * 3)}) for the campaign as scripted.`);
}

function pendingLeads(item: ItemView): string {
  if (item.lifecycle !== 'open') return '';
  const waiting = item.assignments.filter((a) => a.role === 'lead' && a.completion?.status !== 'accepted').map((a) => a.unitId);
  return waiting.length > 0 ? `; not completed yet: ${waiting.join(', ')}` : '';
}

export interface Addresses {
  readonly api: string;
  readonly worker: string;
  readonly apiLog: string;
  readonly workerLog: string;
  readonly store: string;
  readonly redisPrefix: string;
  /** Where the real-time clock of the engine started (`2021-07-01 10:00`, +07). */
  readonly since: string;
}

/** Where to look, and the tokens to look with. */
export function printAddresses(where: Addresses, tokens: DemoTokens, keepRunning: boolean): void {
  out('');
  out(`The engine now runs in real time from ${where.since} (+07), after the deadline.`);
  out(`Dashboard:  ${where.api}/app/`);
  out(`OpenAPI:    ${where.api}/docs`);
  out(`Worker:     ${where.worker}/health`);
  out(`Logs:       ${where.apiLog}, ${where.workerLog}`);
  out(`Store:      ${where.store} (Redis namespace ${where.redisPrefix})`);
  out('Tokens (send as "Authorization: Bearer <token>"; valid 8 h; more with npm run token):');
  for (const who of ['monitor', 'secretariat', 'rach-gia']) {
    const claims = tokens.claims(who);
    const role = claims.role === 'unit' ? `unit ${claims.unitId}` : claims.role;
    out(`  ${role} (${claims.name}) token: ${tokens.token(who)}`);
  }
  out(keepRunning ? 'Press Ctrl+C to stop the engine.' : 'Stopping the engine (--exit).');
}
