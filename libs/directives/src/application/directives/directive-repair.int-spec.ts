import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openTempSqliteStore, type TempSqliteStore } from '#event-store/testing';
import { ManualClock } from '#platform';
import { createItemProcessor, createRegistryProcessor } from '../processors.js';
import { DIRECTIVE_REGISTRY_STREAM, itemStream } from '../streams.js';
import { DirectiveRepair } from './directive-repair.js';
import { issueItem } from './register-directive.js';

const item = (number: number) => ({
  itemId: `126-cv-tu-2021.${number}`,
  number,
  title: `Nhiệm vụ ${number}`,
  text: '…',
  duties: [],
  targets: number === 1 ? [{ metric: 'cards_issued', value: 1_171_200 }] : [],
  deadline: '2021-06-30',
  focusAreas: [],
});

describe('Completing an interrupted directive registration', () => {
  let temp: TempSqliteStore;
  const clock = new ManualClock('2021-04-14T02:00:00.000Z');
  const secretariat = { subject: 'vptu.chuyen-vien', role: 'secretariat' as const, name: 'Văn phòng Tỉnh ủy' };

  beforeEach(async () => {
    temp = await openTempSqliteStore();
  });
  afterEach(() => temp.teardown());

  it('issues the items a registration left unissued, in the registrant’s name and caused by the registration', async () => {
    const registry = createRegistryProcessor(temp.store, clock, {});
    const header = { issuer: 'Tỉnh ủy Kiên Giang', number: '126-CV/TU', issuedOn: '2021-04-14', subject: 'Cấp CCCD', signer: { name: 'Mai Văn Huỳnh', title: 'Phó Bí thư Thường trực' }, addressees: [], legalBasis: [] };
    const registered = await registry.execute(DIRECTIVE_REGISTRY_STREAM, { type: 'RegisterDirective', data: { directiveId: '126-cv-tu-2021', header, items: [item(1), item(2)] } }, { actor: secretariat, correlationId: 'register-126' });
    const items = createItemProcessor(temp.store, clock, {});
    await issueItem(items, '126-cv-tu-2021', item(1), { actor: secretariat, correlationId: 'register-126' });

    const repaired = await new DirectiveRepair(temp.store, items).run();

    expect(repaired).toEqual(['126-cv-tu-2021.2']);
    const [issued] = await temp.store.readStream(itemStream('126-cv-tu-2021.2'));
    expect(issued).toMatchObject({
      type: 'ItemIssued',
      revision: 0,
      data: { itemId: '126-cv-tu-2021.2', directiveId: '126-cv-tu-2021', number: 2, deadline: { date: '2021-06-30' } },
      metadata: { actor: secretariat, correlationId: 'register-126', causationId: registered.events[0]!.eventId },
    });
    expect(await temp.store.readStream(itemStream('126-cv-tu-2021.1'))).toHaveLength(1);
    expect(await new DirectiveRepair(temp.store, items).run()).toEqual([]);
  });
});
