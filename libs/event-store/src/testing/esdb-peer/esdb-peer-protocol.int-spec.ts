/**
 * Parts of the protocol that `@eventstore/db-client` 6.2.1 cannot reach through its API (it has
 * no filter on `readAll`, always asks for string UUIDs, always sends the required metadata),
 * exercised with the client's own generated gRPC client.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import {
  grpc,
  sharedPb,
  Status,
  streamsGrpc,
  streamsPb,
  type AppendResp,
  type ReadOptions,
  type ReadReq,
  type ReadResp,
  type StatusObject,
} from './esdb-peer-protocol.js';
import { EsdbTestPeer } from './index.js';

type StreamsClient = InstanceType<typeof streamsGrpc.StreamsClient>;
const Options = streamsPb.ReadReq.Options;
const empty = () => new sharedPb.Empty();
const identifier = (stream: string) => new sharedPb.StreamIdentifier().setStreamName(Buffer.from(stream));
const { parseUUID } = createRequire(import.meta.url)('@eventstore/db-client/dist/utils/grpcUUID.js');

function readRequest(configure: (options: ReadOptions) => void): ReadReq {
  const options = new Options().setUuidOption(new Options.UUIDOption().setString(empty()));
  configure(options.setNoFilter(empty()).setCount('100'));
  return new streamsPb.ReadReq().setOptions(options);
}

function read(client: StreamsClient, request: ReadReq): Promise<ReadResp[]> {
  return new Promise((resolve, reject) => {
    const responses: ReadResp[] = [];
    const call = client.read(request);
    call.on('data', (response: ReadResp) => responses.push(response));
    call.on('end', () => resolve(responses));
    call.on('error', reject);
  });
}

interface RawEvent {
  readonly metadata: Readonly<Record<string, string>>;
  readonly id?: string;
}

function append(client: StreamsClient, stream: string, { metadata, id = randomUUID() }: RawEvent): Promise<AppendResp> {
  return new Promise((resolve, reject) => {
    const call = client.append((error, response) => (error ? reject(error) : resolve(response!)));
    const options = new streamsPb.AppendReq.Options().setStreamIdentifier(identifier(stream)).setAny(empty());
    call.write(new streamsPb.AppendReq().setOptions(options));
    const message = new streamsPb.AppendReq.ProposedMessage().setId(new sharedPb.UUID().setString(id));
    for (const [key, value] of Object.entries(metadata)) message.getMetadataMap().set(key, value);
    call.write(new streamsPb.AppendReq().setProposedMessage(message.setData(Buffer.from('{}'))));
    call.end();
  });
}

const typed = (type: string): RawEvent => ({ metadata: { type, 'content-type': 'application/json' } });

describe('EsdbTestPeer protocol details, through the generated gRPC client', () => {
  let peer: EsdbTestPeer;
  let client: StreamsClient;

  beforeAll(async () => {
    peer = await EsdbTestPeer.start();
    client = new streamsGrpc.StreamsClient(`127.0.0.1:${peer.port}`, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await peer.stop();
  });

  it('filters a $all read (event type prefixes): only matching events, no checkpoints', async () => {
    await append(client, 'filtered-1', typed('Kept'));
    await append(client, 'filtered-2', typed('Dropped'));
    const expression = new Options.FilterOptions.Expression().setPrefixList(['Kept', '$stats']);
    const filter = new Options.FilterOptions().setEventType(expression).setMax(1).setCheckpointintervalmultiplier(1);
    const all = new Options.AllOptions().setStart(empty());
    const responses = await read(client, readRequest((options) => options.setAll(all).setFilter(filter)));
    const types = responses.map((response) => response.getEvent()?.getEvent()?.getMetadataMap().get('type'));
    expect(types).toEqual(['$statsCollected', 'Kept']);
  });

  it('answers structured UUIDs when asked to, and keeps ids lower-case', async () => {
    const id = randomUUID();
    const stream = `structured-${id}`;
    await append(client, stream, { ...typed('X'), id: id.toUpperCase() });
    const request = readRequest((options) =>
      options
        .setStream(new Options.StreamOptions().setStreamIdentifier(identifier(stream)).setStart(empty()))
        .setUuidOption(new Options.UUIDOption().setStructured(empty())),
    );
    const [response] = await read(client, request);
    const uuid = response.getEvent()!.getEvent()!.getId()!;
    expect(uuid.hasStructured()).toBe(true);
    expect(parseUUID(uuid)).toBe(id);
  });

  it('refuses a proposed event without content-type, naming the missing property as EventStoreDB does', async () => {
    const error = await append(client, 'no-content-type', { metadata: { type: 'X' } }).catch((e: StatusObject) => e);
    expect(error).toMatchObject({ code: Status.INVALID_ARGUMENT });
    expect((error as StatusObject).metadata.get('exception')).toEqual(['missing-required-metadata-property']);
  });

  it('refuses a backwards subscription', async () => {
    const all = new Options.AllOptions().setEnd(empty());
    const backwards = readRequest((options) =>
      options
        .setAll(all)
        .setSubscription(new Options.SubscriptionOptions())
        .setReadDirection(Options.ReadDirection.BACKWARDS),
    );
    await expect(read(client, backwards)).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
  });

  it('answers UNIMPLEMENTED for BatchAppend, naming it', async () => {
    const batch = client.batchAppend();
    const status = await new Promise((resolve) => batch.on('error', resolve).on('data', () => undefined));
    expect(status).toMatchObject({ code: Status.UNIMPLEMENTED, details: expect.stringContaining('Streams/BatchAppend') });
  });
});
