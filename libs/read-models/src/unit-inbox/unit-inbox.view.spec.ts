import { describe, expect, it } from '@jest/globals';
import { projectionSpec } from '#testing';
import { unitInboxProjection } from './unit-inbox.projection.js';
import { inboxKey, type InboxDoc } from './unit-inbox.document.js';
import { unitInboxView } from './unit-inbox.view.js';
import { viDate } from './unit-inbox.summaries.js';
import { CampaignLog, JULY_10, JULY_2, JUNE_25, TOO_LATE } from '../directive-overview/campaign.fixtures.js';
import { raised } from '../escalations/escalations.fixtures.js';

/** Phú Quốc's inbox on item 1: assigned, reminded, escalated after the deadline, then granted an extension. */
function phuQuoc(): InboxDoc {
  const log = new CampaignLog();
  const events = [
    log.issued(),
    log.assigned('phu-quoc', 'lead'),
    log.item('ReminderSent', { unitId: 'phu-quoc', rule: 'deadline-minus-3d', dueAt: '2021-06-27T17:00:00.000Z', sentAt: JUNE_25, late: false, channels: ['inbox'] }, JUNE_25),
    raised(log, 'esc-pq-1', TOO_LATE, { unitId: 'phu-quoc' }),
    ...log.extension('phu-quoc', '2021-07-31', JULY_2),
  ];
  return projectionSpec(unitInboxProjection).replay(events).get(inboxKey('phu-quoc')) as InboxDoc;
}

describe('unit inbox view', () => {
  it('lists what was addressed to the unit, newest first, each with its age', () => {
    const view = unitInboxView('phu-quoc', phuQuoc(), JULY_10);
    expect(view.entries.map((e) => [e.kind, e.type, e.ageHours])).toEqual([
      ['decision', 'ExtensionApproved', 192], // 2021-07-02T03:00Z → 2021-07-10T03:00Z
      ['escalation', 'EscalationRaised', 226], // 2021-06-30T17:00Z → 2021-07-10T03:00Z
      ['reminder', 'ReminderSent', 360], // 2021-06-25T03:00Z → 2021-07-10T03:00Z
      ['assignment', 'UnitAssigned', 2065], // 2021-04-15T01:30Z → 2021-07-10T03:00Z: 86 days 1 h 30 min
    ]);
    expect([view.unitId, view.total, view.asAt]).toEqual(['phu-quoc', 4, JULY_10]);
  });

  it('filters by kind and limits the number of entries', () => {
    expect(unitInboxView('phu-quoc', phuQuoc(), JULY_10, { kinds: ['assignment', 'reminder'] }).entries.map((e) => e.type)).toEqual(['ReminderSent', 'UnitAssigned']);
    expect(unitInboxView('phu-quoc', phuQuoc(), JULY_10, { limit: 1 }).entries.map((e) => e.type)).toEqual(['ExtensionApproved']);
  });

  it('is empty for a unit nothing was addressed to', () => {
    expect(unitInboxView('kien-hai', undefined, JULY_10)).toEqual({ unitId: 'kien-hai', asAt: JULY_10, total: 0, entries: [] });
  });

  it('writes dates the Vietnamese way', () => {
    expect([viDate('2021-06-30'), viDate('2021-07-01')]).toEqual(['30/6/2021', '1/7/2021']);
  });
});
