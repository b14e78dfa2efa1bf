import type { EventEmitter } from 'node:events';
import { handleAppend } from './esdb-peer-append.js';
import type { PeerLog } from './esdb-peer-log.js';
import {
  persistentGrpc,
  serverFeaturesGrpc,
  serverFeaturesPb,
  streamsGrpc,
  type AppendCall,
  type AppendCallback,
  type ReadCall,
  type Server,
  type ServiceDefinition,
  type StatusObject,
  type SupportedMethods,
  type UntypedServiceImplementation,
  unimplemented,
} from './esdb-peer-protocol.js';
import { handleRead } from './esdb-peer-read.js';
import type { PeerSubscriptions } from './esdb-peer-subscriptions.js';

/** Reported by `ServerFeatures.GetSupportedMethods`; the client only logs it. */
export const PEER_SERVER_VERSION = '0.0.0-esdb-test-peer';


type UnaryCallback = (error: Partial<StatusObject>) => void;

/**
 * Registers every service of the client's protocol on `server`: `Streams.Read` and
 * `Streams.Append` work; every other method answers UNIMPLEMENTED, naming itself.
 *
 * `ServerFeatures.GetSupportedMethods` steers the client: it lists `Streams.Read` and
 * `Streams.Append` but not `BatchAppend` (so the client appends with `Streams.Append`), and the
 * persistent subscription methods (so the client calls them over gRPC, and gets UNIMPLEMENTED,
 * instead of falling back to EventStoreDB's HTTP API, which fails here with an HTTP parse error).
 */
export function addPeerServices(server: Server, log: PeerLog, subscriptions: PeerSubscriptions): void {
  const streams = streamsGrpc.StreamsService;
  server.addService(streams, {
    ...unimplementedHandlers(streams),
    read: (call: ReadCall) => handleRead(log, (open, options) => subscriptions.subscribe(open, options), call),
    append: (call: AppendCall, callback: AppendCallback) => handleAppend(log, call, callback),
  });
  server.addService(serverFeaturesGrpc.ServerFeaturesService, {
    getSupportedMethods: (_call: unknown, callback: (error: null, methods: SupportedMethods) => void) =>
      callback(null, supportedMethods()),
  });
}

/** Registers `definitions` with every method answering UNIMPLEMENTED. */
export function addUnimplementedServices(server: Server, definitions: readonly ServiceDefinition[]): void {
  for (const definition of definitions) server.addService(definition, unimplementedHandlers(definition));
}

function supportedMethods(): SupportedMethods {
  const streams = streamsGrpc.StreamsService;
  const methods = [
    supportedMethod(streams.read.path, []),
    supportedMethod(streams.append.path, []),
    ...Object.values(persistentGrpc.PersistentSubscriptionsService).map(({ path }) =>
      supportedMethod(path, ['stream', 'all']),
    ),
  ];
  return new serverFeaturesPb.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(PEER_SERVER_VERSION);
}

/** `path` is `/<service>/<method>`; the client compares both in lower case. */
function supportedMethod(path: string, features: string[]) {
  const [, service, method] = path.split('/');
  return new serverFeaturesPb.SupportedMethod()
    .setServiceName(service.toLowerCase())
    .setMethodName(method.toLowerCase())
    .setFeaturesList(features);
}

function unimplementedHandlers(definition: ServiceDefinition): UntypedServiceImplementation {
  const handlers: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    const status = () => unimplemented(method.path).toStatus();
    handlers[name] = method.responseStream
      ? (call: EventEmitter) => call.emit('error', status())
      : (_call: unknown, callback: UnaryCallback) => callback(status());
  }
  return handlers as UntypedServiceImplementation;
}
