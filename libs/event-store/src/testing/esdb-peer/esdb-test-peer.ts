import { PeerLog } from './esdb-peer-log.js';
import { grpc, otherServiceDefinitions, Status, type Server } from './esdb-peer-protocol.js';
import { addPeerServices, addUnimplementedServices } from './esdb-peer-services.js';
import { PeerSubscriptions } from './esdb-peer-subscriptions.js';
import { writeInitialSystemEvents, writeStatsEvent } from './esdb-peer-system-events.js';

/** How long `stop()` lets open calls finish before cutting them. */
const STOP_GRACE_MS = 500;

export interface EsdbTestPeerOptions {
  /** Address to listen on. Default `127.0.0.1` (the port is always chosen by the system). */
  readonly host?: string;
  /** Start with a few system events (`$`-prefixed types and streams), as a fresh node has. Default true. */
  readonly systemEvents?: boolean;
}

export interface DropSubscriptionsOptions {
  /** gRPC status code to end them with. Default UNAVAILABLE (what a node going away produces). */
  readonly code?: number;
  readonly details?: string;
}

/**
 * A TEST DOUBLE of EventStoreDB's gRPC protocol, never a store: an in-memory log behind the
 * part of the protocol that `@eventstore/db-client` uses to append, read and subscribe, so
 * that code built on the real client can be exercised end to end over real gRPC where no
 * EventStoreDB server can run. Nothing is persisted, there is no security, no clustering, no
 * deletion, no projections and no persistent subscriptions.
 *
 * Implemented: `Streams.Append` (expected revision, idempotent appends by event id),
 * `Streams.Read` (stream and `$all` reads both ways, filtered `$all` reads, stream and `$all`
 * subscriptions with filters, checkpoints and `caught_up`), `ServerFeatures.GetSupportedMethods`.
 * Every other method of the client's protocol answers UNIMPLEMENTED with a message naming it.
 *
 * As EventStoreDB: revisions count from 0; positions are global, monotonic but not consecutive,
 * with commit = prepare; reads start inclusive (a backwards `$all` read from a position returns
 * the events before it), subscriptions exclusive; a wrong expected version is an answer, not a
 * gRPC error. Details live with each part (`esdb-peer-log.ts`, `esdb-peer-read.ts`,
 * `esdb-peer-subscription.ts`, `esdb-peer-all-subscription.ts`, `esdb-peer-filter.ts`).
 * Test hooks: `dropSubscriptions()`, `openSubscriptions`, `writeStatsEvent()`, `eventCount`.
 *
 * ```ts
 * const peer = await EsdbTestPeer.start();
 * const client = EventStoreDBClient.connectionString(peer.connectionString);
 * // … exercise the code under test, then:
 * await client.dispose();
 * await peer.stop();
 * ```
 */
export class EsdbTestPeer {
  private stopped = false;

  private constructor(
    private readonly server: Server,
    private readonly log: PeerLog,
    private readonly subscriptions: PeerSubscriptions,
    readonly host: string,
    readonly port: number,
  ) {}

  /** Listens on `host` (127.0.0.1) at a free port, without TLS. */
  static async start(options: EsdbTestPeerOptions = {}): Promise<EsdbTestPeer> {
    const host = options.host ?? '127.0.0.1';
    const log = new PeerLog();
    if (options.systemEvents ?? true) writeInitialSystemEvents(log);
    const subscriptions = new PeerSubscriptions(log);
    const server = new grpc.Server();
    addPeerServices(server, log, subscriptions);
    addUnimplementedServices(server, otherServiceDefinitions());
    const port = await bind(server, host);
    return new EsdbTestPeer(server, log, subscriptions, host, port);
  }

  /** For `EventStoreDBClient.connectionString(…)`: a single insecure node. */
  get connectionString(): string {
    return `esdb://${this.host}:${this.port}?tls=false`;
  }

  /** How many subscriptions are open now (a client's `unsubscribe()` or `dispose()` closes them). */
  get openSubscriptions(): number {
    return this.subscriptions.count;
  }

  /** How many events the log holds, system events included. */
  get eventCount(): number {
    return this.log.all.length;
  }

  /**
   * Ends every open subscription with a gRPC error (UNAVAILABLE unless told otherwise), so that
   * resubscription logic can be tested; returns how many were dropped. The client reports it
   * as an `error` event on the subscription (`UnavailableError` for UNAVAILABLE) and, for
   * UNAVAILABLE, also drops its channel and reconnects on the next call.
   */
  dropSubscriptions(options: DropSubscriptionsOptions = {}): number {
    const details = options.details ?? 'EsdbTestPeer dropped the subscription (test hook)';
    return this.subscriptions.dropAll(options.code ?? Status.UNAVAILABLE, details);
  }

  /** Appends a `$statsCollected` system event now (EventStoreDB writes one every 30 s). */
  writeStatsEvent(): void {
    writeStatsEvent(this.log);
  }

  /**
   * Stops without hanging: ends open subscriptions with UNAVAILABLE ("EsdbTestPeer stopped",
   * an `UnavailableError` on the client's subscription), lets the connections close for at most
   * `STOP_GRACE_MS`, then `forceShutdown()`s (a graceful shutdown alone waits for open calls).
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.subscriptions.dropAll(Status.UNAVAILABLE, 'EsdbTestPeer stopped');
    await shutDown(this.server);
  }
}

/**
 * Lets the connections close gracefully (so the UNAVAILABLE status of dropped subscriptions
 * reaches the clients), then forces the shutdown: a call still open by then (a client that
 * keeps streaming) would otherwise hold `tryShutdown` forever.
 */
function shutDown(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, STOP_GRACE_MS);
    server.tryShutdown(() => {
      clearTimeout(force);
      server.forceShutdown();
      resolve();
    });
  });
}

function bind(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:0`, grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    );
  });
}
