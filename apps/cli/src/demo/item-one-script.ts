/**
 * The districts' side of the campaign: item 1 (1,171,200 cards by 30-6-2021) and their
 * acknowledgement of item 4. Each district reports its cumulative `cards_issued` on its own rhythm,
 * Kiên Hải falls behind (skipping weeks, a blocker, no completion by the deadline: the overdue
 * check fires), the others report completion once they reach their part and the monitor accepts.
 */
import { addDays, datesBetween, vnInstant } from './campaign-calendar.js';
import { DemoRequestError } from './demo-api.js';
import { command, laneOf, type CampaignAction, type ScriptContext } from './campaign-action.js';
import { DISTRICTS, figureOn, FINAL_FIGURES, LAGGARD, reportDates, type DistrictPlan } from './district-figures.js';
import { cardsNarrative, finalCardsNarrative, recoveryNote, TEXTS } from './narratives.js';

const CARDS = 'cards_issued';

/** Every step of the districts on item 1, and their acknowledgement of items 1 and 4. */
export function itemOneScript(ctx: ScriptContext): CampaignAction[] {
  const members = new Set(ctx.members('district-party-committees'));
  const missing = DISTRICTS.filter((x) => !members.has(x.id)).map((x) => x.id);
  if (missing.length > 0 || members.size !== DISTRICTS.length) {
    throw new Error(`the catalogue's district-party-committees group does not match the demo's districts (${missing.join(', ') || 'sizes differ'})`);
  }
  return DISTRICTS.flatMap((district) => [
    ...acknowledgements(ctx, district),
    ...cardReports(ctx, district),
    ...(district.id === LAGGARD ? laggardTroubles(ctx) : completion(ctx, district)),
  ]).concat(monitorSteps(ctx));
}

function acknowledgements(ctx: ScriptContext, district: DistrictPlan): CampaignAction[] {
  return [1, 4].map((item) =>
    command(district.ack, laneOf(item, district.id), 'acknowledgement', `${district.id} acknowledges item ${item}`, {
      who: district.id,
      path: `/items/${ctx.itemId(item)}/acknowledgements`,
      body: { note: TEXTS.ack(ctx.unitName(district.id)) },
      key: `ack:${item}:${district.id}`,
    }),
  );
}

function cardReports(ctx: ScriptContext, district: DistrictPlan): CampaignAction[] {
  let previous = 0;
  return reportDates(district).map((date, turn) => {
    const value = figureOn(district, date);
    const last = date === district.finish;
    const narrative = last ? finalCardsNarrative(value, district.id !== LAGGARD) : cardsNarrative(district.id, date, value, previous, turn + district.weight);
    previous = value;
    const step = command([date, district.reportsAt], laneOf(1, district.id), 'report', `${district.id} reports ${value} cards as of ${date}`, {
      who: district.id,
      path: `/items/${ctx.itemId(1)}/progress-reports`,
      body: { asOf: date, metrics: { [CARDS]: value }, narrative },
      key: `report:1:${district.id}:${date}`,
    });
    return { ...step, cards: { unitId: district.id, value } };
  });
}

/** The day after it reaches its part, a district reports completion; the monitor accepts the next afternoon. */
function completion(ctx: ScriptContext, district: DistrictPlan): CampaignAction[] {
  const lane = laneOf(1, district.id);
  const reported = addDays(district.finish, 1);
  return [
    command([reported, '08:30'], lane, 'completion', `${district.id} reports completion of item 1`, {
      who: district.id,
      path: `/items/${ctx.itemId(1)}/completion-reports`,
      body: { summary: TEXTS.cardsDone(FINAL_FIGURES.get(district.id)!) },
      key: `completion:1:${district.id}`,
    }),
    command([addDays(reported, 1), '14:00'], lane, 'review', `monitor accepts ${district.id}'s completion of item 1`, {
      who: 'monitor',
      path: `/items/${ctx.itemId(1)}/completion-review`,
      body: { unitId: district.id, decision: 'accept', note: TEXTS.acceptedFigures },
      key: `review:1:${district.id}`,
    }),
  ];
}

/** Kiên Hải reports a blocker after its second report and lifts it once mobile teams reach the islands. */
function laggardTroubles(ctx: ScriptContext): CampaignAction[] {
  const lane = laneOf(1, LAGGARD);
  return [
    command(['2021-05-08', '09:00'], lane, 'report', `${LAGGARD} reports a blocker on item 1`, {
      who: LAGGARD,
      path: `/items/${ctx.itemId(1)}/blockers`,
      body: { description: TEXTS.blocker, supportNeeded: TEXTS.blockerSupport },
      key: `blocker:1:${LAGGARD}`,
      remember: 'blocker',
    }),
    command(['2021-05-22', '10:00'], lane, 'decision', `${LAGGARD} resolves its blocker`, {
      who: LAGGARD,
      path: `/items/${ctx.itemId(1)}/blockers/{id}/resolution`,
      body: { resolution: TEXTS.blockerResolved },
      key: `blocker-resolution:1:${LAGGARD}`,
      needs: 'blocker',
    }),
  ];
}

/** The monitor commends the first district done, and from June on checks each morning whether the early warning can be resolved. */
function monitorSteps(ctx: ScriptContext): CampaignAction[] {
  const first = [...DISTRICTS].sort((a, b) => a.finish.localeCompare(b.finish))[0]!;
  const commend = command([addDays(first.finish, 1), '10:00'], 'monitor:commendation', 'decision', `monitor proposes a commendation for ${first.id}`, {
    who: 'monitor',
    path: `/items/${ctx.itemId(1)}/commendations`,
    body: { nominee: { kind: 'collective', name: ctx.unitName(first.id), unitId: first.id }, reason: TEXTS.commendation },
    key: `commendation:1:${first.id}`,
  });
  const checks = datesBetween('2021-06-03', '2021-06-29').map((date) => recoveryCheck(ctx, date));
  return [commend, ...checks];
}

/** The escalations view may not show yet a resolution recorded a moment ago: resolving it again changes nothing. */
function alreadyResolved(error: unknown): void {
  if (!(error instanceof DemoRequestError && error.body.code === 'ESCALATION.ALREADY_RESOLVED')) throw error;
}

interface OverviewAsOf {
  items: { number: number; atRisk: boolean; progress: { metric: string; reached: number; percent: number }[] }[];
}
interface EscalationsView {
  escalations: { escalationId: string; rule: string; status: string }[];
}

/**
 * Resolves the open early warning of item 1 once the forecast no longer says at risk. The monitor
 * reads the dashboard as of the check's morning with every figure dated by then
 * (`knowledge=current`): on a busy machine the driver may run behind the scaled clock, and the
 * live forecast would then count the days whose reports are still on their way as days without work.
 */
function recoveryCheck(ctx: ScriptContext, date: string): CampaignAction {
  const at = vnInstant(date, '09:00');
  const itemId = ctx.itemId(1);
  return {
    at,
    lane: 'monitor:early-warning',
    kind: 'check',
    barrier: true,
    label: `monitor checks item 1's forecast on ${date}`,
    async run(api, memory) {
      const overview = await api.get<OverviewAsOf>('monitor', `/dashboard/directives/${ctx.directiveId}?asOf=${at}&knowledge=current`);
      const item = overview.items.find((i) => i.number === 1);
      const cards = item?.progress.find((p) => p.metric === CARDS);
      if (!item || item.atRisk || !cards) return;
      const list = await api.get<EscalationsView>('monitor', `/dashboard/escalations?itemId=${encodeURIComponent(itemId)}`);
      for (const open of list.escalations.filter((e) => e.rule === 'at_risk' && e.status === 'open' && !memory.has(`resolved:${e.escalationId}`))) {
        const path = `/items/${itemId}/escalations/${encodeURIComponent(open.escalationId)}/resolution`;
        const body = { resolution: recoveryNote(date, cards.reached, cards.percent) };
        await api.post('monitor', path, body, `demo:resolve:1:${open.escalationId}`, `monitor resolves ${open.escalationId}`).catch(alreadyResolved);
        memory.set(`resolved:${open.escalationId}`, date);
      }
    },
  };
}
