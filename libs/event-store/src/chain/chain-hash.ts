import { hash as digest } from 'node:crypto';
import type { EventMetadata, StreamRevision } from '../event-store.port.js';

/** The `previousHash` of a stream's first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the chain covers of one event: everything stored except its global position and the hash itself. */
export interface ChainedEvent {
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  /** The envelope; its own `hash` property, when present, is left out of the hash. */
  readonly metadata: EventMetadata;
}

/**
 * The hash that chains an event to the previous event of its stream, as lowercase hex:
 *
 *     SHA-256( UTF-8( canonicalJson({data, eventId, metadata, previousHash, revision, streamId, type}) ) )
 *
 * where `metadata` is the whole envelope without `hash` (actor, correlationId, causationId,
 * idempotencyKey, requestHash, recordedAt: whichever are present) and `previousHash` is the hash
 * of the event at `revision - 1` of the same stream, or {@link GENESIS_HASH} for revision 0.
 * Anyone can recompute it from a stored event with any RFC 8785 (JCS) implementation and SHA-256.
 *
 * It runs on every command, so the document is written directly in its canonical key order
 * (the seven keys above are already sorted) with one pass over the data and one over the envelope.
 *
 * Watch out: `data` and `metadata` must be what the store gives back (plain JSON). A value that
 * JSON would drop or change (`undefined` properties, `NaN`, a `Date`) is canonicalised the way
 * `JSON.stringify` stores it, so the hash still matches after a round-trip.
 */
export function chainHash(previousHash: string | null, event: ChainedEvent): string {
  const text =
    `{"data":${canonical(event.data) ?? 'null'},"eventId":${canonicalString(event.eventId)},` +
    `"metadata":${canonicalObject(event.metadata as unknown as Record<string, unknown>, 'hash')},` +
    `"previousHash":${canonicalString(previousHash ?? GENESIS_HASH)},"revision":${canonicalNumber(event.revision)},` +
    `"streamId":${canonicalString(event.streamId)},"type":${canonicalString(event.type)}}`;
  return digest('sha256', text, 'hex');
}

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: no whitespace, object keys sorted
 * by UTF-16 code units, strings escaped and numbers written as ECMAScript's `JSON.stringify` does.
 * Like `JSON.stringify`, properties whose value is `undefined`, a function or a symbol are left
 * out, array holes and non-finite numbers become `null`, and `toJSON()` is honoured.
 *
 * @throws TypeError for a `bigint` (JSON has no such value) or a value with no JSON text.
 */
export function canonicalJson(value: unknown): string {
  const text = canonical(value);
  if (text === undefined) throw new TypeError(`${typeof value} has no JSON text`);
  return text;
}

function canonical(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return canonicalString(value);
    case 'number':
      return canonicalNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return canonicalComposite(value);
    case 'bigint':
      throw new TypeError('a bigint has no JSON text');
    default:
      return undefined;
  }
}

/** Characters JSON escapes: quote, backslash, controls, and surrogates (escaped when unpaired). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function canonicalString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

function canonicalNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

function canonicalComposite(value: object): string | undefined {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonical(toJSON.call(value));
  if (Array.isArray(value)) return canonicalArray(value);
  return canonicalObject(value as Record<string, unknown>);
}

function canonicalArray(values: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < values.length; i += 1) text += `${i === 0 ? '' : ','}${canonical(values[i]) ?? 'null'}`;
  return `${text}]`;
}

function canonicalObject(object: Record<string, unknown>, omit?: string): string {
  const keys = sortedKeys(object);
  let text = '{';
  for (const key of keys) {
    if (key === omit) continue;
    const member = canonical(object[key]);
    if (member === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${canonicalString(key)}:${member}`;
  }
  return `${text}}`;
}

/**
 * The keys in UTF-16 code-unit order (what `Array.prototype.sort` does by default). Objects of
 * events have a handful of keys, for which an insertion sort costs about half of `sort()`.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j -= 1) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}
