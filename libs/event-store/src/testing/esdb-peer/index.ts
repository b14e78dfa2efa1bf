export { EsdbTestPeer, type DropSubscriptionsOptions, type EsdbTestPeerOptions } from './esdb-test-peer.js';
export { MAX_APPEND_SIZE } from './esdb-peer-append.js';
export { READ_BATCH_SIZE } from './esdb-peer-filter.js';
export { PEER_SERVER_VERSION } from './esdb-peer-services.js';
export { STATS_STREAM } from './esdb-peer-system-events.js';
