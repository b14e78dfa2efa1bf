import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { EventMetadata } from '../event-store.port.js';
import { canonicalJson, chainHash, GENESIS_HASH, type ChainedEvent } from './chain-hash.js';

const metadata: EventMetadata = {
  actor: { subject: 'rach-gia.van-thu', role: 'unit', unitId: 'rach-gia', name: 'Văn thư Huyện ủy Rạch Giá' },
  correlationId: 'req-1',
  causationId: 'evt-0',
  idempotencyKey: 'key-1',
  requestHash: 'sha256:abc',
  recordedAt: '2021-05-15T10:00:00.000Z',
};

const event: ChainedEvent = {
  streamId: 'item-126-cv-tu-2021.1',
  revision: 4,
  eventId: '0f0c1d7e-8d7b-4b9f-9a64-5b3f1c2d3e4f',
  type: 'ProgressReported',
  data: { unitId: 'rach-gia', asOf: '2021-05-15', metrics: { cards_issued: 12_000 }, narrative: 'Đã cấp 12.000 thẻ' },
  metadata,
};

const PREVIOUS = 'a'.repeat(64);

describe('canonicalJson (RFC 8785)', () => {
  it('writes keys sorted at every depth and no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}');
  });

  it('sorts keys by UTF-16 code units, so upper case comes before lower case and "é" after "z"', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, a: 4 })).toBe('{"Z":3,"a":4,"z":2,"é":1}');
  });

  it('writes numbers and strings as JSON.stringify does, leaving non-ASCII text unescaped', () => {
    expect(canonicalJson([1e21, 0.1, -0, 1_171_200, 'Kiên Giang\n"126"'])).toBe('[1e+21,0.1,0,1171200,"Kiên Giang\\n\\"126\\""]');
  });

  it('escapes quotes, backslashes, control characters and unpaired surrogates as JSON.stringify does', () => {
    for (const text of ['a"b\\c', 'tab\there\u0001', 'đ 🇻🇳', 'lone \ud83c', '']) expect(canonicalJson(text)).toBe(JSON.stringify(text));
  });

  it('drops what JSON.stringify drops, so a value hashes the same before and after a round-trip through the store', () => {
    const value = { kept: 1, gone: undefined, list: [undefined, Number.NaN], at: new Date('2021-06-30T17:00:00.000Z') };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });

  it('refuses a bigint, which has no JSON text', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});

describe('chainHash', () => {
  it('is the SHA-256 of the canonical document of previous hash, stream, revision, id, type, data and envelope', () => {
    const document = { previousHash: PREVIOUS, streamId: event.streamId, revision: 4, eventId: event.eventId, type: event.type, data: event.data, metadata };
    const expected = createHash('sha256').update(canonicalJson(document)).digest('hex');
    expect(chainHash(PREVIOUS, event)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches what another tool computes (Python: json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False), hashlib.sha256)', () => {
    expect(chainHash(PREVIOUS, event)).toBe('28dca43ec64eff4a7487f61d98c8119b9ff96b90fa74eccbd79ac6bf943fb8cb');
  });

  it('chains the first event of a stream on 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(chainHash(null, event)).toBe(chainHash(GENESIS_HASH, event));
  });

  it('does not depend on the order of keys in the data or the envelope', () => {
    const reordered: ChainedEvent = {
      metadata: Object.fromEntries(Object.entries(metadata).reverse()) as unknown as EventMetadata,
      data: { narrative: 'Đã cấp 12.000 thẻ', metrics: { cards_issued: 12_000 }, asOf: '2021-05-15', unitId: 'rach-gia' },
      type: event.type,
      eventId: event.eventId,
      revision: 4,
      streamId: event.streamId,
    };
    expect(chainHash(PREVIOUS, reordered)).toBe(chainHash(PREVIOUS, event));
  });

  it('leaves the stored hash itself out of the hash', () => {
    expect(chainHash(PREVIOUS, { ...event, metadata: { ...metadata, hash: 'f'.repeat(64) } })).toBe(chainHash(PREVIOUS, event));
  });

  const changes: [string, string | null, ChainedEvent][] = [
    ['another previous hash', 'b'.repeat(64), event],
    ['another stream', PREVIOUS, { ...event, streamId: 'item-126-cv-tu-2021.2' }],
    ['another revision', PREVIOUS, { ...event, revision: 5 }],
    ['another event id', PREVIOUS, { ...event, eventId: '1f0c1d7e-8d7b-4b9f-9a64-5b3f1c2d3e4f' }],
    ['another type', PREVIOUS, { ...event, type: 'ProgressReportCorrected' }],
    ['another figure in the data', PREVIOUS, { ...event, data: { ...(event.data as object), metrics: { cards_issued: 12_001 } } }],
    ['another actor subject', PREVIOUS, { ...event, metadata: { ...metadata, actor: { ...metadata.actor, subject: 'someone-else' } } }],
    ['another actor role', PREVIOUS, { ...event, metadata: { ...metadata, actor: { ...metadata.actor, role: 'monitor' } } }],
    ['another actor unit', PREVIOUS, { ...event, metadata: { ...metadata, actor: { ...metadata.actor, unitId: 'kien-hai' } } }],
    ['another actor name', PREVIOUS, { ...event, metadata: { ...metadata, actor: { ...metadata.actor, name: 'x' } } }],
    ['another correlation id', PREVIOUS, { ...event, metadata: { ...metadata, correlationId: 'req-2' } }],
    ['another causation id', PREVIOUS, { ...event, metadata: { ...metadata, causationId: 'evt-9' } }],
    ['another idempotency key', PREVIOUS, { ...event, metadata: { ...metadata, idempotencyKey: 'key-2' } }],
    ['another request hash', PREVIOUS, { ...event, metadata: { ...metadata, requestHash: 'sha256:abd' } }],
    ['another recorded time', PREVIOUS, { ...event, metadata: { ...metadata, recordedAt: '2021-05-15T10:00:00.001Z' } }],
    ['no causation id', PREVIOUS, { ...event, metadata: { ...metadata, causationId: undefined } }],
  ];

  it.each(changes)('changes with %s', (_what, previous, changed) => {
    expect(chainHash(previous, changed)).not.toBe(chainHash(PREVIOUS, event));
  });
});
