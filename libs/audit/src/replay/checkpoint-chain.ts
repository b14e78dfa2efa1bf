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

/**
 * A chain of checkpoints in Redis, for one item or one directive: checkpoint `k` is a delta over
 * checkpoint `k - 1`, so a long history costs about one copy of its state, not one per
 * checkpoint. Two hashes: `<key>:meta` (seq → meta, small, read whole) and `<key>:data` (seq →
 * delta). Both expire together after `ttlSeconds` without use.
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
    private readonly key: string,
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

  /** The deltas of checkpoints 0..`seq`, or `undefined` when one of them is gone. */
  async deltas(seq: number): Promise<string[] | undefined> {
    try {
      const fields = Array.from({ length: seq + 1 }, (_, i) => String(i));
      const texts = await this.redis.hmget(`${this.key}:data`, ...fields);
      return texts.every((t): t is string => typeof t === 'string') ? texts : undefined;
    } catch (error) {
      this.warn(`checkpoint deltas of ${this.key} unreadable`, error);
      return undefined;
    }
  }

  /** Writes checkpoint `seq` (meta and delta together). The caller made it on checkpoint `seq - 1`. */
  async append(seq: number, meta: M, delta: string): Promise<void> {
    try {
      await this.redis
        .multi()
        .hset(`${this.key}:data`, String(seq), delta)
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

  private async touch(): Promise<void> {
    try {
      await this.redis.multi().expire(`${this.key}:meta`, this.ttlSeconds).expire(`${this.key}:data`, this.ttlSeconds).exec();
    } catch (error) {
      this.warn(`checkpoints of ${this.key} not kept`, error);
    }
  }
}
