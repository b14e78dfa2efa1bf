import type { Redis } from 'ioredis';

/** What every checkpoint records beside its delta: its own id and the id of the one it follows. */
export interface LinkMeta {
  readonly id: string;
  /** The id of checkpoint `seq - 1`; absent on the first. */
  readonly base?: string;
  /** When the last event it holds was recorded: it answers instants from then on. */
  readonly recordedAt: string;
}

export interface ChainLink<M extends LinkMeta> {
  readonly seq: number;
  readonly meta: M;
}

/** Notified when Redis fails: checkpoints are a cache, so a failure only costs speed. */
export type ChainWarning = (message: string, error: unknown) => void;

/** What a checkpoint stores: its delta over the one before, and what only a restore from it needs. */
export interface CheckpointData {
  readonly delta: string;
  /** Read only when restoring from this checkpoint (e.g. the small part of a state rewritten whole each time). */
  readonly head?: string;
}

/**
 * A chain of checkpoints in Redis, for one item or one directive: checkpoint `k` is a delta over
 * checkpoint `k - 1` (plus an optional head read only from the checkpoint restored), so a long
 * history costs about one copy of its state, not one per checkpoint. Two hashes: `<key>:meta`
 * (seq → meta, small, read whole) and `<key>:data` (`<seq>` → delta, `h<seq>` → head). Both
 * expire together after `ttlSeconds` without use.
 *
 * A cache, never a source of truth: an empty or broken chain (FLUSHALL, eviction, a delta lost)
 * is read as its longest intact prefix, and the caller folds the rest from the event store and
 * writes the missing checkpoints again. Redis errors are reported to `warn` and read as "no
 * checkpoint". The key holds the code version (see `replay-version.ts`): checkpoints of other
 * code are never read.
 */
export class CheckpointChain<M extends LinkMeta> {
  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly ttlSeconds: number,
    private readonly warn: ChainWarning = () => undefined,
  ) {}

  /** The intact prefix of the chain: each link's `base` is the id of the one before. */
  async links(): Promise<ChainLink<M>[]> {
    let stored: Record<string, string>;
    try {
      stored = await this.redis.hgetall(`${this.key}:meta`);
    } catch (error) {
      this.warn(`checkpoints of ${this.key} unreadable`, error);
      return [];
    }
    const links: ChainLink<M>[] = [];
    for (let seq = 0; stored[seq] !== undefined; seq++) {
      const meta = JSON.parse(stored[seq]!) as M;
      if (meta.base !== links[seq - 1]?.meta.id) break;
      links.push({ seq, meta });
    }
    if (links.length > 0) void this.touch();
    return links;
  }

  /** The deltas of checkpoints 0..`seq` and the head of `seq`, or `undefined` when one of them is gone. */
  async restore(seq: number, withHead: boolean): Promise<{ deltas: string[]; head?: string } | undefined> {
    const deltas: string[] = [];
    const complete = await this.eachDelta(seq, (delta) => void deltas.push(delta), seq + 1);
    if (!complete) return undefined;
    if (!withHead) return { deltas };
    const head = await this.read(() => this.redis.hget(`${this.key}:data`, `h${seq}`));
    return typeof head === 'string' ? { deltas, head } : undefined;
  }

  /**
   * Hands the deltas of checkpoints 0..`seq` to `consume` in order, reading `batch` at a time so
   * that a large chain is never held whole as text. False when one of them is gone (what was
   * consumed is then to be thrown away).
   */
  async eachDelta(seq: number, consume: (delta: string, seq: number) => void, batch = 2): Promise<boolean> {
    for (let first = 0; first <= seq; first += batch) {
      const fields = Array.from({ length: Math.min(batch, seq + 1 - first) }, (_, i) => String(first + i));
      const texts = await this.read(() => this.redis.hmget(`${this.key}:data`, ...fields));
      if (!texts || !texts.every((t): t is string => typeof t === 'string')) return false;
      texts.forEach((text, i) => consume(text, first + i));
    }
    return true;
  }

  /** Writes checkpoint `seq` (meta, delta and head together). The caller made it on checkpoint `seq - 1`. */
  async append(seq: number, meta: M, data: CheckpointData): Promise<void> {
    try {
      await this.redis
        .multi()
        .hset(`${this.key}:data`, String(seq), data.delta, ...(data.head === undefined ? [] : [`h${seq}`, data.head]))
        .hset(`${this.key}:meta`, String(seq), JSON.stringify(meta))
        .expire(`${this.key}:data`, this.ttlSeconds)
        .expire(`${this.key}:meta`, this.ttlSeconds)
        .exec();
    } catch (error) {
      this.warn(`checkpoint ${seq} of ${this.key} not written`, error);
    }
  }

  async drop(): Promise<void> {
    await this.redis.unlink(`${this.key}:meta`, `${this.key}:data`);
  }

  private async read<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      return await command();
    } catch (error) {
      this.warn(`checkpoints of ${this.key} unreadable`, error);
      return undefined;
    }
  }

  private async touch(): Promise<void> {
    try {
      await this.redis.multi().expire(`${this.key}:meta`, this.ttlSeconds).expire(`${this.key}:data`, this.ttlSeconds).exec();
    } catch (error) {
      this.warn(`checkpoints of ${this.key} not kept`, error);
    }
  }
}
