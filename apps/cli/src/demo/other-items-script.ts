/**
 * Items 2 to 5 of 126-CV/TU: the provincial People's Committee (item 2, whose first completion
 * report the monitor rejects), the provincial police (item 3, weekly figures of applications
 * taken), the districts' propaganda and civil-status work (item 4, where Kiên Hải obtains an
 * extension) and the Fatherland Front with the mass organisations (item 5). Items 2 and 3 end
 * closed by the secretariat; item 5 completed; item 4 stays open for Kiên Hải's extension.
 */
import { vnDate } from '#directives';
import { addDays, datesBetween, isoWeekday, vnInstant } from './campaign-calendar.js';
import { command, laneOf, type CampaignAction, type ScriptContext } from './campaign-action.js';
import { DISTRICTS, figureOn, LAGGARD } from './district-figures.js';
import { TEXTS } from './narratives.js';

const PROVINCE = 'bcs-ubnd-tinh';
const POLICE = 'dang-uy-cong-an-tinh';
const hour = (h: number, m = 0) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

export function otherItemsScript(ctx: ScriptContext): CampaignAction[] {
  return [...provinceCommittee(ctx), ...police(ctx), ...districtsItemFour(ctx), ...frontAndOrganisations(ctx)];
}

const ack = (ctx: ScriptContext, item: number, unitId: string, when: readonly [string, string]) =>
  command(when, laneOf(item, unitId), 'acknowledgement', `${unitId} acknowledges item ${item}`, {
    who: unitId,
    path: `/items/${ctx.itemId(item)}/acknowledgements`,
    body: { note: TEXTS.ack(ctx.unitName(unitId)) },
    key: `ack:${item}:${unitId}`,
  });

const report = (ctx: ScriptContext, item: number, unitId: string, when: readonly [string, string], narrative: string, metrics?: Record<string, number>) =>
  command(when, laneOf(item, unitId), 'report', `${unitId} reports on item ${item} (${when[0]})`, {
    who: unitId,
    path: `/items/${ctx.itemId(item)}/progress-reports`,
    body: { asOf: when[0], narrative, ...(metrics ? { metrics } : {}) },
    key: `report:${item}:${unitId}:${when[0]}`,
  });

const complete = (ctx: ScriptContext, item: number, unitId: string, when: readonly [string, string], summary: string, again = false) =>
  command(when, laneOf(item, unitId), 'completion', `${unitId} reports completion of item ${item}${again ? ' again' : ''}`, {
    who: unitId,
    path: `/items/${ctx.itemId(item)}/completion-reports`,
    body: { summary },
    key: `completion:${item}:${unitId}${again ? ':again' : ''}`,
  });

const review = (ctx: ScriptContext, item: number, unitId: string, when: readonly [string, string], decision: 'accept' | 'reject', note: string) =>
  command(when, laneOf(item, unitId), 'review', `monitor ${decision}s ${unitId}'s completion of item ${item}`, {
    who: 'monitor',
    path: `/items/${ctx.itemId(item)}/completion-review`,
    body: { unitId, decision, note },
    key: `review:${item}:${unitId}:${decision}`,
  });

const close = (ctx: ScriptContext, item: number, lead: string, when: readonly [string, string]) =>
  command(when, laneOf(item, lead), 'decision', `secretariat closes item ${item}`, {
    who: 'secretariat',
    path: `/items/${ctx.itemId(item)}/close`,
    body: { outcome: 'completed', note: TEXTS.closing },
    key: `close:${item}`,
  });

/** Item 2: reports monthly; its first completion report lacks the funding figures and is sent back. */
function provinceCommittee(ctx: ScriptContext): CampaignAction[] {
  return [
    ack(ctx, 1, PROVINCE, ['2021-04-15', '08:00']),
    ack(ctx, 2, PROVINCE, ['2021-04-15', '08:00']),
    report(ctx, 2, PROVINCE, ['2021-04-30', '10:00'], TEXTS.provinceReport[0]!),
    report(ctx, 2, PROVINCE, ['2021-05-31', '10:00'], TEXTS.provinceReport[1]!),
    complete(ctx, 2, PROVINCE, ['2021-06-18', '10:00'], TEXTS.provinceDone),
    review(ctx, 2, PROVINCE, ['2021-06-21', '14:00'], 'reject', TEXTS.provinceRejected),
    complete(ctx, 2, PROVINCE, ['2021-06-23', '09:00'], TEXTS.provinceRedone, true),
    review(ctx, 2, PROVINCE, ['2021-06-24', '14:00'], 'accept', TEXTS.accepted),
    close(ctx, 2, PROVINCE, ['2021-06-28', '09:00']),
  ];
}

/** The province's cards issued on a date (the districts' illustrative figures summed). */
const provinceCards = (date: string) => DISTRICTS.reduce((sum, x) => sum + figureOn(x, date), 0);

/** Item 3: the police report applications taken every Friday, complete once the province reached the target. */
function police(ctx: ScriptContext): CampaignAction[] {
  const fridays = datesBetween('2021-04-16', '2021-06-25').filter((date) => isoWeekday(date) === 5);
  const weekly = fridays.map((date) => {
    const applications = Math.round(provinceCards(date) * 1.06);
    const teams = date < '2021-05-10' ? 12 : date < '2021-06-10' ? 46 : 38;
    return report(ctx, 3, POLICE, [date, '17:00'], TEXTS.policeReport(applications, teams), { applications_taken: applications });
  });
  const total = Math.round(provinceCards('2021-06-25') * 1.06);
  return [
    ack(ctx, 1, POLICE, ['2021-04-14', '15:00']),
    ack(ctx, 2, POLICE, ['2021-04-14', '15:00']),
    ack(ctx, 3, POLICE, ['2021-04-14', '15:00']),
    ...weekly,
    complete(ctx, 3, POLICE, ['2021-06-26', '09:00'], TEXTS.policeDone(total)),
    review(ctx, 3, POLICE, ['2021-06-28', '10:00'], 'accept', TEXTS.accepted),
    close(ctx, 3, POLICE, ['2021-06-29', '09:00']),
  ];
}

/** Item 4: one report each in mid-May; completion two days after their cards; Kiên Hải asks for more time instead. */
function districtsItemFour(ctx: ScriptContext): CampaignAction[] {
  return DISTRICTS.flatMap((district, i) => {
    const steps = [report(ctx, 4, district.id, [addDays('2021-05-12', i % 3), hour(9 + (i % 5), 15)], TEXTS.itemFourReport(40 + 13 * i))];
    if (district.id === LAGGARD) return [...steps, ...extension(ctx)];
    const done = addDays(district.finish, 2);
    return [
      ...steps,
      complete(ctx, 4, district.id, [done, '09:30'], TEXTS.itemFourDone),
      review(ctx, 4, district.id, [addDays(done, 1), '15:00'], 'accept', TEXTS.accepted),
    ];
  });
}

const EXTENDED_TO = '2021-07-15';
/** The deadline Kiên Hải asks for: 15-7-2021, or a fortnight ahead should the driver run so late that it is past. */
const requestedDeadline = (now: string): string => {
  const fortnight = addDays(vnDate(now), 15);
  return fortnight > EXTENDED_TO ? fortnight : EXTENDED_TO;
};

/** Kiên Hải asks for more time on item 4; the secretariat grants what it asked two days later. */
function extension(ctx: ScriptContext): CampaignAction[] {
  const lane = laneOf(4, LAGGARD);
  const [asking, granting] = [`${LAGGARD} requests an extension of item 4`, `secretariat approves ${LAGGARD}'s extension`];
  const ask: CampaignAction = {
    at: vnInstant('2021-06-14', '09:00'),
    lane,
    kind: 'decision',
    label: asking,
    async run(api, memory, now) {
      const body = { requestedDeadline: requestedDeadline(now), reason: TEXTS.extensionReason };
      const answer = await api.post(LAGGARD, `/items/${ctx.itemId(4)}/extension-requests`, body, `demo:extension:4:${LAGGARD}`, asking);
      memory.set('extension', String(answer.id)).set('extension-date', body.requestedDeadline);
    },
  };
  const grant: CampaignAction = {
    at: vnInstant('2021-06-16', '10:00'),
    lane,
    kind: 'decision',
    label: granting,
    async run(api, memory) {
      const [id, date] = [memory.get('extension'), memory.get('extension-date')];
      if (!id || !date) throw new Error(`${granting}: the extension request was not recorded`);
      const body = { decision: 'approve', grantedDeadline: date, note: TEXTS.extensionGranted(date) };
      await api.post('secretariat', `/items/${ctx.itemId(4)}/extension-requests/${id}/decision`, body, `demo:extension-decision:4:${LAGGARD}`, granting);
    },
  };
  return [ask, grant];
}

/** Item 5: the Front and the organisations report in mid-May and complete in the last ten days of June. */
function frontAndOrganisations(ctx: ScriptContext): CampaignAction[] {
  return ctx.members('front-and-organisations').flatMap((unitId, i) => {
    const done = addDays('2021-06-20', i);
    return [
      ack(ctx, 5, unitId, [addDays('2021-04-15', i % 2), hour(8 + i)]),
      report(ctx, 5, unitId, ['2021-05-15', hour(8 + i, 30)], TEXTS.itemFiveReport),
      complete(ctx, 5, unitId, [done, '10:00'], TEXTS.itemFiveDone),
      review(ctx, 5, unitId, [addDays(done, 1), '15:00'], 'accept', TEXTS.accepted),
    ];
  });
}
