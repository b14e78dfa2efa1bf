export { describeEventStoreContract, type EventStoreContractHarness } from './event-store.contract.js';
export {
  anEvent,
  fullMetadata,
  someEvents,
  take,
  uniqueStreamId,
  withTimeout,
} from './contract/contract-fixtures.js';
export { makeTempDirectory, openTempSqliteStore, type TempSqliteStore } from './sqlite-temp-store.js';
export { EsdbTestPeer } from './esdb-peer/index.js';
