import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { projectionSpec } from '#testing';
import { escalationsProjection } from './escalations.projection.js';
import { escalationItemIndexKey, escalationKey, type EscalationDoc } from './escalations.document.js';
import { CampaignLog, CV_126, DIRECTIVE_ID, ITEM_1, itemStream, JULY_10, JULY_2, TOO_LATE, undeclaredKeys } from '../directive-overview/campaign.fixtures.js';
import { levelRaised, MONITOR, raised, resolved, STANDING_COMMITTEE } from './escalations.fixtures.js';

const spec = projectionSpec(escalationsProjection);
const KEY = escalationKey(ITEM_1, 'esc-pq-1');
const STREAM = itemStream(ITEM_1);
const TITLE = CV_126.items[0]!.title;

function issued(log = new CampaignLog()) {
  return { log, given: [log.directive(), log.issued(), log.assigned('phu-quoc', 'lead')] };
}

const docOf = (events: RecordedEvent[]) => spec.replay(events).get(KEY) as EscalationDoc;

describe('escalations projection', () => {
  it('ItemIssued: the item’s directive, number and title, for the escalations to come', () => {
    const log = new CampaignLog();
    spec.given([]).when(log.issued()).then({
      [escalationItemIndexKey(ITEM_1)]: { itemId: ITEM_1, directiveId: DIRECTIVE_ID, number: 1, title: TITLE, seen: { [STREAM]: 0 } },
    });
  });

  it('EscalationRaised: a document of its own', () => {
    const { log, given } = issued();
    const event = raised(log, 'esc-pq-1', TOO_LATE, { unitId: 'phu-quoc' });
    const reason = 'Quá hạn 30/6/2021 chưa báo cáo hoàn thành';
    spec.given(given).when(event).then({
      [KEY]: {
        escalationId: 'esc-pq-1', itemId: ITEM_1, directiveId: DIRECTIVE_ID, itemNumber: 1, itemTitle: TITLE, unitId: 'phu-quoc',
        rule: 'deadline_missed', level: 1, mustAct: MONITOR, reason, raisedAt: TOO_LATE,
        steps: [{ level: 1, mustAct: MONITOR, reason, at: TOO_LATE }],
        seen: { [STREAM]: event.revision },
      },
    });
  });

  it('EscalationLevelRaised: the new level, who must act, and the step', () => {
    const { log, given } = issued();
    const history = [...given, raised(log, 'esc-pq-1', TOO_LATE, { unitId: 'phu-quoc' })];
    const up = levelRaised(log, 'esc-pq-1', JULY_2, 'phu-quoc');
    const before = docOf(history);
    spec.given(history).when(up).then({
      [KEY]: {
        ...before, level: 2, mustAct: STANDING_COMMITTEE, reason: 'Chưa xử lý sau 3 ngày', levelRaisedAt: JULY_2,
        steps: [...before.steps, { level: 2, mustAct: STANDING_COMMITTEE, reason: 'Chưa xử lý sau 3 ngày', at: JULY_2 }],
        seen: { [STREAM]: up.revision },
      },
    });
  });

  it('EscalationResolved: when and how; the escalation stays', () => {
    const { log, given } = issued();
    const history = [...given, raised(log, 'esc-pq-1', TOO_LATE, { unitId: 'phu-quoc' }), levelRaised(log, 'esc-pq-1', JULY_2, 'phu-quoc')];
    const done = resolved(log, 'esc-pq-1', JULY_10, 'phu-quoc');
    spec.given(history).when(done).then({
      [KEY]: { ...docOf(history), resolvedAt: JULY_10, resolution: 'Đơn vị đã bổ sung máy thu nhận, cam kết hoàn thành', seen: { [STREAM]: done.revision } },
    });
  });

  it('ignores a level raise or resolution of an unknown escalation, and escalations of an item never issued', () => {
    const { log, given } = issued();
    const docs = spec.given(given).when(resolved(log, 'esc-unknown', JULY_10)).docs;
    expect(docs.get(escalationKey(ITEM_1, 'esc-unknown'))).toBeUndefined();
    const stray = new CampaignLog();
    expect(spec.replay([raised(stray, 'esc-x', TOO_LATE)]).size).toBe(0);
  });

  it('keys escalations by item: the same id on two items makes two escalations', () => {
    const log = new CampaignLog();
    const item4 = `${DIRECTIVE_ID}.4`;
    const docs = spec.replay([log.issued(), log.issued(item4), raised(log, 'esc-1', TOO_LATE), raised(log, 'esc-1', TOO_LATE, { itemId: item4 })]);
    expect([...docs.keys()].filter((key) => key.startsWith('escalation:'))).toEqual([escalationKey(ITEM_1, 'esc-1'), escalationKey(item4, 'esc-1')]);
  });
});

describe('escalations idempotency and order', () => {
  const { log, given } = issued();
  const history = [
    ...given,
    raised(log, 'esc-pq-1', TOO_LATE, { unitId: 'phu-quoc' }),
    raised(log, 'esc-item', TOO_LATE, { rule: 'unresolved' }),
    levelRaised(log, 'esc-pq-1', JULY_2, 'phu-quoc'),
    resolved(log, 'esc-pq-1', JULY_10, 'phu-quoc'),
  ];

  it.each(history.map((e, i) => [`${e.type} #${i}`, i] as const))('applying %s twice changes nothing', (_name, i) => {
    spec.given(history.slice(0, i)).when(history[i]!).thenAppliedTwiceChangesNothing();
  });

  it.each(history.map((e, i) => [`${e.type} #${i}`, i] as const))('%s delivered again after later events changes nothing', (_name, i) => {
    expect(spec.given(history).when(history[i]!).docs.docs).toEqual(spec.replay(history));
  });

  it('a replay of the same events twice gives the same documents', () => {
    expect(spec.replay(history)).toEqual(spec.replay(history));
    expect(spec.replay(history.flatMap((e) => [e, e]))).toEqual(spec.replay(history));
  });

  it('needs no directive registration: the directive comes from the item’s issue, in either order', () => {
    const [registration, ...items] = history;
    expect(spec.replay(items)).toEqual(spec.replay(history));
    expect(spec.replay([...items, registration!])).toEqual(spec.replay(history));
  });

  it('keysOf names every document an event changes', () => {
    expect(undeclaredKeys(escalationsProjection, history)).toEqual([]);
  });
});
