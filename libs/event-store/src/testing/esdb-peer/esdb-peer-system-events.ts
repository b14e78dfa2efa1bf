import { randomUUID } from 'node:crypto';
import type { PeerLog, ProposedEvent } from './esdb-peer-log.js';

/** The statistics stream of a node listening on EventStoreDB's default address. */
export const STATS_STREAM = '$stats-127.0.0.1:2113';

/**
 * Writes system events like those a fresh EventStoreDB node holds (stream metadata, the default
 * admin user, statistics), so that `$all` is never only the test's events and filters such as
 * `excludeSystemEvents()` (event type not starting with `$`) have something to exclude.
 */
export function writeInitialSystemEvents(log: PeerLog): void {
  log.append(`$$${STATS_STREAM}`, 'any', [systemEvent('$metadata', { $maxAge: 86_400 })]);
  log.append('$user-admin', 'any', [systemEvent('$user', { loginName: 'admin', fullName: 'Event Store Administrator' })]);
  log.append('$users', 'any', [systemEvent('$UserCreated', 'admin')]);
  writeStatsEvent(log);
}

/** Appends a `$statsCollected` event, as EventStoreDB does periodically (every 30 s by default). */
export function writeStatsEvent(log: PeerLog): void {
  const stats = { 'proc-startTime': new Date().toISOString(), 'proc-cpu': 0.5, 'es-queue-main-queue-length': 0 };
  log.append(STATS_STREAM, 'any', [systemEvent('$statsCollected', stats)]);
}

function systemEvent(type: string, data: unknown): ProposedEvent {
  return {
    id: randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data), 'utf8'),
    customMetadata: new Uint8Array(),
  };
}
