import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { assignmentStatus, evolveItem, initialItemState, itemStatus, targetProgress, type ItemEvent, type ItemState } from '#directives';
import { projectionSpec } from '#testing';
import { directiveOverviewProjection } from './directive-overview.projection.js';
import { directiveOverviewView } from './directive-overview.view.js';
import { CampaignLog, overviewDocs, deadline, DIRECTIVE_ID, JULY_10, JULY_2, JUNE_25, LAST_MOMENT, MAY_15, TOO_LATE } from './campaign.fixtures.js';

/**
 * The overview must give the statuses and progress the aggregate gives (`item.status.ts`): the
 * same events are folded by the domain's `evolveItem` and projected, then compared at instants
 * around the deadline of 30-6-2021 and of a 31-7-2021 extension.
 */
const INSTANTS = [JUNE_25, LAST_MOMENT, TOO_LATE, JULY_10, '2021-07-31T16:59:59.999Z', '2021-07-31T17:00:00.000Z'];

function scenarios(): Array<[string, RecordedEvent[]]> {
  const log = new CampaignLog();
  const base = [log.directive(), log.issued(), log.assigned('rach-gia', 'lead'), log.assigned('phu-quoc', 'lead'), log.assigned('dang-uy-cong-an-tinh', 'cooperating')];
  const progress = [
    log.reported('rach-gia', 'rg-01', '2021-05-15', 230_000, MAY_15),
    log.reported('phu-quoc', 'pq-01', '2021-05-15', 170_000, MAY_15),
    log.reported('dang-uy-cong-an-tinh', 'ca-01', '2021-05-15', 395_000, MAY_15),
    log.corrected('phu-quoc', 'pq-01-c', 'pq-01', '2021-05-15', 160_000, JUNE_25),
  ];
  const extension = [...log.extension('rach-gia', '2021-07-31', JUNE_25), log.completionReported('phu-quoc', true, JUNE_25)];
  const lateCompletion = [log.completionReported('rach-gia', false, JULY_2), log.completionAccepted('rach-gia', JULY_10)];
  const rejected = [log.item('CompletionRejected', { unitId: 'phu-quoc', reason: 'Thiếu số liệu', reviewedAt: JULY_2 }, JULY_2)];
  const done = [log.completionAccepted('phu-quoc', JULY_2), log.completed(false, JULY_10)];
  const noLeads = [log.issued(`${DIRECTIVE_ID}.5`), log.assigned('kien-hai', 'cooperating', { itemId: `${DIRECTIVE_ID}.5`, due: deadline('2021-06-15') })];
  return [
    ['under way, with figures and a correction', [...base, ...progress]],
    ['one lead extended, the other reported on time', [...base, ...progress, ...extension]],
    ['a completion rejected after the deadline', [...base, ...progress, ...extension, ...rejected]],
    ['a lead completed late, then the item', [...base, ...progress, ...extension, ...lateCompletion, ...done]],
    ['cancelled', [...base, log.closed('cancelled', JULY_2)]],
    ['no lead unit', [...base, ...noLeads]],
  ];
}

function domainState(events: RecordedEvent[], itemId: string): ItemState {
  return events
    .filter((e) => e.streamId === `item-${itemId}`)
    .reduce((state, e) => evolveItem(state, { type: e.type, data: e.data } as ItemEvent), initialItemState());
}

describe('status cells mirror item.status.ts', () => {
  it.each(scenarios())('%s', (_name, events) => {
    const doc = overviewDocs(projectionSpec(directiveOverviewProjection).replay(events));
    for (const now of INSTANTS) {
      for (const item of directiveOverviewView(doc, now).items.filter((i) => i.issued)) {
        const state = domainState(events, item.itemId);
        if (state.status === 'unissued') throw new Error('not issued');
        expect({ now, item: item.itemId, status: item.status }).toEqual({ now, item: item.itemId, status: itemStatus(state, now) });
        expect(item.progress).toEqual(targetProgress(state));
        for (const unit of item.leadUnits) {
          expect({ now, unit: unit.unitId, status: unit.status }).toEqual({ now, unit: unit.unitId, status: assignmentStatus(state.assignments.get(unit.unitId)!, now) });
        }
      }
    }
  });

});
