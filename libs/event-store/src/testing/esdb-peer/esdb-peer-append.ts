import type { AppendOutcome, ExpectedRevision, PeerLog, ProposedEvent } from './esdb-peer-log.js';
import { parseUuid } from './esdb-peer-messages.js';
import {
  invalidArgument,
  maximumAppendSizeExceeded,
  missingRequiredMetadata,
  sharedPb,
  streamsPb,
  type AppendCall,
  type AppendCallback,
  type AppendOptions,
  type AppendPosition,
  type AppendReq,
  type AppendResp,
  type ProposedMessage,
  toRpcError,
} from './esdb-peer-protocol.js';

/** EventStoreDB's default `MaxAppendSize`: the total data of one append, in bytes. */
export const MAX_APPEND_SIZE = 1_048_576;

const JSON_CONTENT_TYPE = 'application/json';
const BINARY_CONTENT_TYPE = 'application/octet-stream';

/**
 * `Streams.Append` (client streaming): the first message carries the options (stream and
 * expected revision), every later one a proposed event. The answer comes when the client ends
 * its side. A wrong expected version is a normal answer (`wrong_expected_version`), not a gRPC
 * error; the client turns it into `WrongExpectedVersionError`.
 */
export function handleAppend(log: PeerLog, call: AppendCall, callback: AppendCallback): void {
  const requests: AppendReq[] = [];
  call.on('data', (request: AppendReq) => requests.push(request));
  call.on('end', () => {
    try {
      callback(null, appendResponse(log, requests));
    } catch (error) {
      callback(toRpcError(error).toStatus());
    }
  });
}

function appendResponse(log: PeerLog, requests: readonly AppendReq[]): AppendResp {
  const [header, ...messages] = requests;
  const options = header?.getOptions();
  if (!options) throw invalidArgument('the first Append message must carry the options');
  const streamId = Buffer.from(options.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8');
  if (!streamId) throw invalidArgument('the stream name is empty');
  const expected = expectedRevision(options);
  const outcome = log.append(streamId, expected, proposedEvents(messages));
  return toAppendResp(outcome, expected);
}

function expectedRevision(options: AppendOptions): ExpectedRevision {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  if (options.hasAny()) return 'any';
  throw invalidArgument('the expected revision is missing');
}

function proposedEvents(messages: readonly AppendReq[]): ProposedEvent[] {
  const events = messages.map((message) => {
    const proposed = message.getProposedMessage();
    if (!proposed) throw invalidArgument('every Append message after the first must carry a proposed message');
    return proposedEvent(proposed);
  });
  const size = events.reduce((total, event) => total + event.data.length, 0);
  if (size > MAX_APPEND_SIZE) throw maximumAppendSizeExceeded(MAX_APPEND_SIZE);
  return events;
}

function proposedEvent(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  if (type === undefined) throw missingRequiredMetadata('type');
  const contentType = metadata.get('content-type');
  if (contentType === undefined) throw missingRequiredMetadata('content-type');
  return {
    id: parseUuid(message.getId()),
    type,
    contentType: contentType === JSON_CONTENT_TYPE ? JSON_CONTENT_TYPE : BINARY_CONTENT_TYPE,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function toAppendResp(outcome: AppendOutcome, expected: ExpectedRevision): AppendResp {
  const response = new streamsPb.AppendResp();
  if (outcome.kind === 'wrong-expected-version') {
    return response.setWrongExpectedVersion(wrongExpectedVersion(outcome.current, expected));
  }
  const success = new streamsPb.AppendResp.Success();
  if (outcome.revision === undefined) success.setNoStream(new sharedPb.Empty());
  else success.setCurrentRevision(outcome.revision.toString());
  if (outcome.kind === 'empty') success.setNoPosition(new sharedPb.Empty());
  else success.setPosition(appendPosition(outcome.position));
  return response.setSuccess(success);
}

function appendPosition(position: bigint): AppendPosition {
  return new streamsPb.AppendResp.Position()
    .setCommitPosition(position.toString())
    .setPreparePosition(position.toString());
}

function wrongExpectedVersion(current: bigint | undefined, expected: ExpectedRevision) {
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
  else wrong.setCurrentRevision(current.toString());
  if (expected === 'any') wrong.setExpectedAny(new sharedPb.Empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
  else wrong.setExpectedRevision(expected.toString());
  return wrong;
}
