import { describe, expect, it } from '@jest/globals';
import { projectionSpec } from '#testing';
import { directiveOverviewProjection } from './directive-overview.projection.js';
import { directiveKey, overviewProgressKey, type DirectiveOverviewDoc, type OverviewProgressDoc } from './directive-overview.document.js';
import { CampaignLog, DIRECTIVE_ID, ITEM_1, JULY_2, JUNE_25, MAY_15, undeclaredKeys } from './campaign.fixtures.js';

const spec = projectionSpec(directiveOverviewProjection);
const KEY = directiveKey(DIRECTIVE_ID);

describe('directive-overview idempotency and order', () => {
  const log = new CampaignLog();
  const history = [
    log.directive(),
    log.issued(),
    log.assigned('rach-gia', 'lead'),
    log.assigned('phu-quoc', 'lead'),
    log.assigned('dang-uy-cong-an-tinh', 'cooperating'),
    log.reported('rach-gia', 'rg-01', '2021-05-15', 230_000, MAY_15),
    log.corrected('rach-gia', 'rg-01-c', 'rg-01', '2021-05-15', 220_000, JUNE_25),
    ...log.extension('phu-quoc', '2021-07-31', JUNE_25),
    log.item('EscalationRaised', { escalationId: 'esc-1', unitId: 'rach-gia', level: 1, rule: 'at_risk', reason: 'Chậm tiến độ', mustAct: 'dang-uy-cong-an-tinh', raisedAt: JUNE_25 }, JUNE_25),
    log.completionReported('rach-gia', true, JUNE_25),
    log.completionAccepted('rach-gia', JULY_2),
  ];

  it.each(history.map((event, i) => [`${event.type} #${i}`, i] as const))('applying %s twice changes nothing', (_name, i) => {
    spec.given(history.slice(0, i)).when(history[i]!).thenAppliedTwiceChangesNothing();
  });

  it.each(history.map((event, i) => [`${event.type} #${i}`, i] as const))('%s delivered again after later events changes nothing', (_name, i) => {
    expect(spec.given(history).when(history[i]!).docs.docs).toEqual(spec.replay(history));
  });

  it('a replay of the same events twice gives the same documents, even with every event delivered twice', () => {
    expect(spec.replay(history)).toEqual(spec.replay(history));
    expect(spec.replay(history.flatMap((e) => [e, e]))).toEqual(spec.replay(history));
  });

  it('the item’s events may come before its directive is known: the same document either way', () => {
    const [registered, ...items] = history;
    const early = spec.replay(items);
    expect((early.get(KEY) as DirectiveOverviewDoc).header).toBeUndefined();
    expect((early.get(overviewProgressKey(ITEM_1)) as OverviewProgressDoc).units['rach-gia']!['cards_issued']!.value).toBe(220_000);
    expect(spec.replay([...items, registered!])).toEqual(spec.replay(history));
  });

  it('keysOf names every document an event changes', () => {
    expect(undeclaredKeys(directiveOverviewProjection, history)).toEqual([]);
  });
});
