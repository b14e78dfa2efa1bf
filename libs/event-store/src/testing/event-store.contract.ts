import { afterEach, beforeEach, describe } from '@jest/globals';
import type { EventStore } from '../event-store.port.js';
import { describeAppendContract } from './contract/append.contract.js';
import { describeChainContract } from './contract/chain.contract.js';
import { describeConcurrencyContract } from './contract/concurrency.contract.js';
import { describeExpectedRevisionContract } from './contract/expected-revision.contract.js';
import { describeIdempotencyContract } from './contract/idempotency.contract.js';
import { describeReadContract } from './contract/read.contract.js';
import { describeSubscriptionContract } from './contract/subscription.contract.js';

/** A store under test and how to dispose of it; `setup` creates one per test. */
export interface EventStoreContractHarness {
  readonly store: EventStore;
  teardown(): Promise<void>;
}

/**
 * The behaviour every `EventStore` adapter must show, as one Jest suite. Each test uses fresh
 * stream ids and only positions it observed itself, so the suite also runs against a shared
 * server whose log already holds events. It assumes no one else writes while a `readAll` paging
 * test runs (`isEnd` must eventually be reached).
 */
export function describeEventStoreContract(adapterName: string, setup: () => Promise<EventStoreContractHarness>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let harness: EventStoreContractHarness | undefined;
    const store = (): EventStore => {
      if (!harness) throw new Error('the contract harness was not set up');
      return harness.store;
    };

    beforeEach(async () => {
      harness = await setup();
    });

    afterEach(async () => {
      await harness?.teardown();
      harness = undefined;
    });

    describeAppendContract(store);
    describeExpectedRevisionContract(store);
    describeReadContract(store);
    describeConcurrencyContract(store);
    describeIdempotencyContract(store);
    describeSubscriptionContract(store);
    describeChainContract(store);
  });
}
