/**
 * The EventStoreDB gRPC protocol as the real client (`@eventstore/db-client`) ships it.
 *
 * The generated message classes check `instanceof` when they serialize, so the test peer must
 * build its messages from the very modules the client loads. They are loaded here with a
 * `require` created for this file: in Node and under Jest alike, that goes through the same
 * module registry (Node's CommonJS cache, or Jest's) as the client's own `require` calls, and
 * resolves to the same files (`node_modules/@eventstore/db-client/generated/*.js`).
 * `@grpc/grpc-js` is resolved from the client package, so the server runs on the gRPC library
 * the client itself uses (it is a dependency of the client, not of this project).
 */
import { createRequire } from 'node:module';
import type * as GrpcJs from '@grpc/grpc-js';
import type * as GossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import type * as MonitoringGrpc from '@eventstore/db-client/generated/monitoring_grpc_pb.js';
import type * as OperationsGrpc from '@eventstore/db-client/generated/operations_grpc_pb.js';
import type * as PersistentGrpc from '@eventstore/db-client/generated/persistent_grpc_pb.js';
import type * as ProjectionsGrpc from '@eventstore/db-client/generated/projections_grpc_pb.js';
import type * as ServerFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type * as ServerFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type * as StreamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type * as UsersGrpc from '@eventstore/db-client/generated/users_grpc_pb.js';

const CLIENT_PACKAGE = '@eventstore/db-client';
const requireHere = createRequire(import.meta.url);
const requireAsClient = createRequire(requireHere.resolve(CLIENT_PACKAGE));

function generated<Module>(name: string): Module {
  return requireHere(`${CLIENT_PACKAGE}/generated/${name}.js`) as Module;
}

export const grpc = requireAsClient('@grpc/grpc-js') as typeof GrpcJs;
export const Status = grpc.status;

export const streamsPb = generated<typeof StreamsPb>('streams_pb');
export const sharedPb = generated<typeof SharedPb>('shared_pb');
export const serverFeaturesPb = generated<typeof ServerFeaturesPb>('serverfeatures_pb');
export const streamsGrpc = generated<typeof StreamsGrpc>('streams_grpc_pb');
export const serverFeaturesGrpc = generated<typeof ServerFeaturesGrpc>('serverfeatures_grpc_pb');
export const persistentGrpc = generated<typeof PersistentGrpc>('persistent_grpc_pb');

/** Every other service the client can call: the peer answers them all with UNIMPLEMENTED. */
export function otherServiceDefinitions(): GrpcJs.ServiceDefinition[] {
  return [
    persistentGrpc.PersistentSubscriptionsService,
    generated<typeof ProjectionsGrpc>('projections_grpc_pb').ProjectionsService,
    generated<typeof OperationsGrpc>('operations_grpc_pb').OperationsService,
    generated<typeof UsersGrpc>('users_grpc_pb').UsersService,
    generated<typeof GossipGrpc>('gossip_grpc_pb').GossipService,
    generated<typeof MonitoringGrpc>('monitoring_grpc_pb').MonitoringService,
  ];
}

export type ReadReq = StreamsPb.ReadReq;
export type ReadResp = StreamsPb.ReadResp;
export type ReadOptions = StreamsPb.ReadReq.Options;
export type StreamOptions = StreamsPb.ReadReq.Options.StreamOptions;
export type AllOptions = StreamsPb.ReadReq.Options.AllOptions;
export type FilterOptions = StreamsPb.ReadReq.Options.FilterOptions;
export type FilterExpression = StreamsPb.ReadReq.Options.FilterOptions.Expression;
export type UuidOption = StreamsPb.ReadReq.Options.UUIDOption;
export type AppendReq = StreamsPb.AppendReq;
export type AppendOptions = StreamsPb.AppendReq.Options;
export type AppendResp = StreamsPb.AppendResp;
export type AppendPosition = StreamsPb.AppendResp.Position;
export type ProposedMessage = StreamsPb.AppendReq.ProposedMessage;
export type Uuid = SharedPb.UUID;
export type SupportedMethods = ServerFeaturesPb.SupportedMethods;

export type ReadCall = GrpcJs.ServerWritableStream<ReadReq, ReadResp>;
export type AppendCall = GrpcJs.ServerReadableStream<AppendReq, AppendResp>;
export type AppendCallback = GrpcJs.sendUnaryData<AppendResp>;
export type Server = GrpcJs.Server;
export type ServiceDefinition = GrpcJs.ServiceDefinition;
export type UntypedServiceImplementation = GrpcJs.UntypedServiceImplementation;
export type StatusObject = GrpcJs.StatusObject;

/**
 * A gRPC status the peer answers with. EventStoreDB names the kind of failure in the trailer
 * `exception` (the client maps it to its error classes: see `convertToCommandError`), with
 * details in further trailers.
 */
export class PeerRpcError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    readonly trailers: Readonly<Record<string, string>> = {},
  ) {
    super(details);
    this.name = 'PeerRpcError';
  }

  /** The status object grpc-js sends: for unary callbacks and `call.emit('error', …)`. */
  toStatus(): Partial<StatusObject> {
    const metadata = new grpc.Metadata();
    for (const [key, value] of Object.entries(this.trailers)) metadata.set(key, value);
    return { code: this.code, details: this.details, metadata };
  }
}

export function invalidArgument(details: string): PeerRpcError {
  return new PeerRpcError(Status.INVALID_ARGUMENT, `EsdbTestPeer: ${details}`);
}

export function unimplemented(what: string): PeerRpcError {
  return new PeerRpcError(
    Status.UNIMPLEMENTED,
    `EsdbTestPeer (a test double of the EventStoreDB protocol) does not implement ${what}`,
  );
}

/** EventStoreDB refuses a proposed event without the `type` or `content-type` metadata entry. */
export function missingRequiredMetadata(property: string): PeerRpcError {
  return new PeerRpcError(Status.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': property,
  });
}

/** EventStoreDB refuses an append whose event data exceed `MaxAppendSize` (1 MiB by default). */
export function maximumAppendSizeExceeded(maxAppendSize: number): PeerRpcError {
  return new PeerRpcError(Status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}

/** Turns anything thrown by a handler into the status to answer with (INTERNAL when unexpected). */
export function toRpcError(error: unknown): PeerRpcError {
  if (error instanceof PeerRpcError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PeerRpcError(Status.INTERNAL, `EsdbTestPeer failed: ${message}`);
}
