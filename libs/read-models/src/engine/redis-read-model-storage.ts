import type { Redis } from 'ioredis';
import { APPLY_BATCH, READ_ACTIVE, READ_GENERATION } from './lua-scripts.js';
import { BUCKET_SEPARATOR, bucketOf, generationOfKey, keysOf, META } from './redis-keys.js';

interface ScriptedRedis {
  rmApplyBatch(key: string, ...args: (string | number | Buffer)[]): Promise<number>;
  rmReadActive(key: string, ...args: string[]): Promise<(string | null)[] | null>;
  rmReadGeneration(key: string, ...args: string[]): Promise<(string | null)[]>;
}

const defined = new WeakSet<Redis>();

function scripted(redis: Redis): Redis & ScriptedRedis {
  if (!defined.has(redis)) {
    redis.defineCommand('rmApplyBatch', { numberOfKeys: 1, lua: APPLY_BATCH });
    redis.defineCommand('rmReadActive', { numberOfKeys: 1, lua: READ_ACTIVE });
    redis.defineCommand('rmReadGeneration', { numberOfKeys: 1, lua: READ_GENERATION });
    defined.add(redis);
  }
  return redis as Redis & ScriptedRedis;
}

/**
 * Each string followed by a line feed (JSON text never holds one; keys are checked), as UTF-8.
 * Encoded string by string into one buffer: most documents are ASCII and take the fast path,
 * where one string joined from them all would be converted as a whole, and scanned twice, as soon
 * as one of them held a Vietnamese letter.
 */
function lines(values: readonly string[]): Buffer {
  let length = values.length;
  for (const value of values) length += Buffer.byteLength(value);
  const buffer = Buffer.allocUnsafe(length);
  let at = 0;
  for (const value of values) {
    at += buffer.write(value, at);
    buffer[at++] = 0x0a;
  }
  return buffer;
}

function assertKey(key: string): void {
  if (key.includes('\n') || key.startsWith('__')) throw new Error(`read-model document keys hold no line feed and do not start with "__": ${JSON.stringify(key)}`);
}

export interface GenerationMeta {
  readonly generation: string;
  readonly checkpoint: string | undefined;
  readonly version: number;
  readonly lastRecordedAt: string | undefined;
  readonly applied: number;
}

/**
 * The documents of one read model in Redis: per generation a hash, and a hash per bucket of
 * documents listed together (see `redis-keys.ts`).
 */
export class RedisReadModelStorage {
  private readonly redis: Redis & ScriptedRedis;
  readonly keys: ReturnType<typeof keysOf>;

  constructor(redis: Redis, readonly name: string, prefix?: string) {
    this.redis = scripted(redis);
    this.keys = keysOf(name, prefix);
  }

  async activeGeneration(): Promise<string | undefined> {
    return (await this.redis.get(this.keys.active)) ?? undefined;
  }

  /** A new, empty generation at the start of the log. */
  async newGeneration(version: number): Promise<string> {
    const generation = String(await this.redis.incr(this.keys.seq));
    await this.redis.hset(this.keys.generation(generation), META.checkpoint, '', META.version, String(version), META.applied, '0');
    return generation;
  }

  async meta(generation: string): Promise<GenerationMeta | undefined> {
    const [checkpoint, version, lastRecordedAt, applied] = await this.redis.hmget(
      this.keys.generation(generation),
      META.checkpoint,
      META.version,
      META.lastRecordedAt,
      META.applied,
    );
    if (version === null) return undefined;
    return { generation, checkpoint: checkpoint || undefined, version: Number(version), lastRecordedAt: lastRecordedAt ?? undefined, applied: Number(applied ?? 0) };
  }

  /** Loads documents as their JSON text; absent ones map to `null`. */
  async load(generation: string, keys: readonly string[]): Promise<Map<string, string | null>> {
    const docs = new Map<string, string | null>();
    if (keys.length === 0) return docs;
    const values = await this.redis.rmReadGeneration(this.keys.generation(generation), ...keys);
    keys.forEach((key, i) => docs.set(key, values[i] ?? null));
    return docs;
  }

  /**
   * Writes a batch's documents and moves the checkpoint, atomically, if the checkpoint is still
   * `expected`. Returns false when another runner moved it (the batch is then dropped).
   */
  async applyBatch(generation: string, expected: string | undefined, next: string, lastRecordedAt: string, applied: number, changes: ReadonlyMap<string, unknown>): Promise<boolean> {
    const sets: string[] = [];
    const deletes: string[] = [];
    for (const [key, doc] of changes) {
      if (doc === undefined) deletes.push(key);
      else sets.push(key, JSON.stringify(doc));
    }
    return this.applySerialized(generation, expected, next, lastRecordedAt, applied, sets, deletes);
  }

  /** `applyBatch` with the documents already JSON: `sets` is key, text, key, text…; `deletes` keys. */
  async applySerialized(generation: string, expected: string | undefined, next: string, lastRecordedAt: string, applied: number, sets: readonly string[], deletes: readonly string[]): Promise<boolean> {
    for (let i = 0; i < sets.length; i += 2) assertKey(sets[i]!);
    for (const key of deletes) assertKey(key);
    const done = await this.redis.rmApplyBatch(this.keys.generation(generation), expected ?? '', next, lastRecordedAt, applied, lines(sets), lines(deletes));
    return done === 1;
  }

  /** Makes a generation the one readers see, then drops the one it replaces. */
  async activate(generation: string, replaced: string | undefined): Promise<void> {
    await this.redis.hset(this.keys.generation(generation), META.builtAt, new Date().toISOString());
    await this.redis.set(this.keys.active, generation);
    if (replaced && replaced !== generation) await this.drop(replaced);
  }

  /** Removes generations that are neither active nor `keep` (left by a runner killed while building). */
  async dropOrphans(keep: string): Promise<void> {
    const active = await this.activeGeneration();
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.keys.generationPrefix}*`, 'COUNT', 100);
      const orphans = keys.filter((key) => {
        const generation = generationOfKey(key, this.keys.generationPrefix);
        return generation !== keep && generation !== active;
      });
      if (orphans.length > 0) await this.redis.unlink(...orphans);
      cursor = next;
    } while (cursor !== '0');
  }

  /** Removes a generation: its hash, its buckets and their list. */
  async drop(generation: string): Promise<void> {
    const buckets = await this.redis.smembers(this.keys.buckets(generation));
    for (let i = 0; i < buckets.length; i += 1000) await this.redis.unlink(...buckets.slice(i, i + 1000));
    await this.redis.unlink(this.keys.generation(generation), this.keys.buckets(generation));
  }

  /** Every document of a generation (its hash and its buckets) and its meta fields: for tests and tools comparing whole models. */
  async everything(generation: string): Promise<{ docs: Map<string, unknown>; meta: Record<string, string> }> {
    const docs = new Map<string, unknown>();
    const meta: Record<string, string> = {};
    const hashes = [this.keys.generation(generation), ...(await this.redis.smembers(this.keys.buckets(generation)))];
    for (const hash of hashes) {
      for (const [field, value] of Object.entries(await this.redis.hgetall(hash))) {
        if (field.startsWith('__')) meta[field] = value;
        else docs.set(field, JSON.parse(value));
      }
    }
    return { docs, meta };
  }

  /** Documents of the active generation, or `undefined` when no generation is active yet. */
  async read(keys: readonly string[]): Promise<Map<string, unknown> | undefined> {
    const values = await this.redis.rmReadActive(this.keys.active, this.keys.generationPrefix, ...keys);
    if (values === null) return undefined;
    return new Map(keys.map((key, i) => [key, values[i] === null || values[i] === undefined ? undefined : JSON.parse(values[i]!)]));
  }

  /**
   * Every document of the active generation whose key starts with `prefix`, or `undefined` when
   * none is active. A prefix naming a bucket (`<bucket>|`, or longer) reads that bucket alone; a
   * prefix without `|` lists the generation hash's own documents, never a bucket's.
   */
  async list(prefix: string): Promise<unknown[] | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const generation = await this.activeGeneration();
      if (!generation) return undefined;
      const docs = await this.scan(generation, prefix);
      if ((await this.activeGeneration()) === generation) return docs;
    }
    return undefined;
  }

  /**
   * A bucket's prefix (`<bucket>|…`) reads the bucket's hash only; any other scans the generation
   * hash. A whole bucket is scanned in steps of 10,000 fields rather than read with one HGETALL,
   * which would hold Redis for everyone as long as it takes to answer a bucket of a million.
   */
  private async scan(generation: string, prefix: string): Promise<unknown[]> {
    const bucket = bucketOf(prefix);
    const hash = bucket === undefined ? this.keys.generation(generation) : this.keys.bucket(generation, bucket);
    const whole = bucket !== undefined && prefix === bucket + BUCKET_SEPARATOR;
    const docs: unknown[] = [];
    let cursor = '0';
    do {
      const [next, entries] = whole
        ? await this.redis.hscan(hash, cursor, 'COUNT', 10_000)
        : await this.redis.hscan(hash, cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      for (let i = 1; i < entries.length; i += 2) docs.push(JSON.parse(entries[i]!));
      cursor = next;
    } while (cursor !== '0');
    return docs;
  }
}
