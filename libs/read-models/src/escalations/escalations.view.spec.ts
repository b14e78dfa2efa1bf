import { describe, expect, it } from '@jest/globals';
import { projectionSpec } from '#testing';
import { escalationsProjection } from './escalations.projection.js';
import { ESCALATION_KEY_PREFIX, type EscalationDoc } from './escalations.document.js';
import { escalationsView } from './escalations.view.js';
import { CampaignLog, DIRECTIVE_ID, JULY_10, JULY_2, TOO_LATE } from '../directive-overview/campaign.fixtures.js';
import { levelRaised, raised, resolved, STANDING_COMMITTEE } from './escalations.fixtures.js';

/**
 * Item 1 of 126-CV/TU: Rạch Giá at risk on 2021-06-10 (resolved two days later); Phú Quốc and
 * Kiên Hải missed the deadline (Phú Quốc's escalation climbed to the Standing Committee on
 * 2 July); an item-wide blocker unresolved since 2 July.
 */
function escalations(): EscalationDoc[] {
  const log = new CampaignLog();
  const events = [
    log.directive(),
    log.issued(),
    raised(log, 'esc-rg-1', '2021-06-10T03:00:00.000Z', { unitId: 'rach-gia', rule: 'at_risk' }),
    resolved(log, 'esc-rg-1', '2021-06-12T09:00:00.000Z', 'rach-gia'),
    raised(log, 'esc-kh-1', TOO_LATE, { unitId: 'kien-hai' }),
    raised(log, 'esc-pq-1', TOO_LATE, { unitId: 'phu-quoc' }),
    levelRaised(log, 'esc-pq-1', JULY_2, 'phu-quoc'),
    raised(log, 'esc-item', JULY_2, { rule: 'unresolved' }),
  ];
  const docs = projectionSpec(escalationsProjection).replay(events);
  return [...docs].filter(([key]) => key.startsWith(ESCALATION_KEY_PREFIX)).map(([, doc]) => doc as EscalationDoc);
}

describe('escalations view', () => {
  it('lists open escalations first, highest level first, then the oldest; resolved ones after', () => {
    const view = escalationsView(escalations(), JULY_10);
    expect(view.escalations.map((e) => [e.escalationId, e.status, e.level])).toEqual([
      ['esc-pq-1', 'open', 2],
      ['esc-kh-1', 'open', 1],
      ['esc-item', 'open', 1],
      ['esc-rg-1', 'resolved', 1],
    ]);
    expect([view.open, view.resolved, view.asAt]).toEqual([3, 1, JULY_10]);
  });

  it('adds the age at now, and how long resolved ones stayed open', () => {
    const byId = Object.fromEntries(escalationsView(escalations(), JULY_10).escalations.map((e) => [e.escalationId, e]));
    // 2021-06-30T17:00Z → 2021-07-10T03:00Z: 9 days 10 hours = 226 hours.
    expect(byId['esc-pq-1']).toMatchObject({ ageHours: 226, ageDays: 9, durationHours: null, durationDays: null });
    // 2021-07-02T03:00Z → 2021-07-10T03:00Z: 192 hours.
    expect(byId['esc-item']).toMatchObject({ ageHours: 192, ageDays: 8 });
    // Raised 2021-06-10T03:00Z, resolved 2021-06-12T09:00Z: 54 hours; 30 days old on 10 July.
    expect(byId['esc-rg-1']).toMatchObject({ ageHours: 720, ageDays: 30, durationHours: 54, durationDays: 2, resolvedAt: '2021-06-12T09:00:00.000Z' });
  });

  it('shows who must act, the rule, the reason, the unit, the item and directive, and the steps', () => {
    const pq = escalationsView(escalations(), JULY_10).escalations[0]!;
    expect(pq).toMatchObject({
      unitId: 'phu-quoc', directiveId: DIRECTIVE_ID, itemNumber: 1, rule: 'deadline_missed', mustAct: STANDING_COMMITTEE,
      reason: 'Chưa xử lý sau 3 ngày', raisedAt: TOO_LATE, levelRaisedAt: JULY_2,
    });
    expect(pq.steps.map((s) => s.level)).toEqual([1, 2]);
    expect(pq).not.toHaveProperty('seen');
  });

  it('a few hours are no day yet: ages are elapsed time', () => {
    const kh = escalationsView(escalations(), '2021-07-01T16:59:59.999Z').escalations.find((e) => e.escalationId === 'esc-kh-1')!;
    expect([kh.ageHours, kh.ageDays]).toEqual([23, 0]);
  });

  it('filters by unit, item or directive', () => {
    expect(escalationsView(escalations(), JULY_10, { unitId: 'phu-quoc' }).escalations.map((e) => e.escalationId)).toEqual(['esc-pq-1']);
    expect(escalationsView(escalations(), JULY_10, { directiveId: 'other' }).escalations).toEqual([]);
  });
});
