import type { GlobalPosition } from '#event-store';
import type { DocumentStore } from './projection.js';

/**
 * The documents of a generation being built, held in memory by the runner that builds it. A fresh
 * generation has one writer (its runner, under the projection's lock) and no readers until it is
 * swapped in, so what this holds is all there is: a document it does not hold does not exist, and
 * nothing needs reading back from Redis. The projection changes documents in place, as it does in a
 * batch; those given to `set` or `delete` since the last write are written with the checkpoint.
 * A written document is kept as the text that was written (documents are objects, so a string is
 * one), parsed again only if asked for: most are never touched again (a day's figures), and a
 * million small objects would cost the garbage collector more than the strings do.
 */
export class BuildCache implements DocumentStore {
  /** Documents, or the JSON text of those written and not asked for since. */
  private readonly docs = new Map<string, unknown>();
  private readonly dirty = new Set<string>();
  /** The checkpoint the next write expects in Redis (`undefined`: none yet, the start of the log). */
  written: GlobalPosition | undefined;
  /** Events applied since the last write. */
  unwritten = 0;
  lastRecordedAt: string | undefined;
  /** The last write sent and not yet confirmed (see the runner's `flush`). */
  inflight: Promise<boolean> | undefined;

  get<T>(key: string): T | undefined {
    const doc = this.docs.get(key);
    if (typeof doc !== 'string') return doc as T | undefined;
    const parsed = JSON.parse(doc) as T;
    this.docs.set(key, parsed);
    return parsed;
  }

  set<T>(key: string, doc: T): void {
    this.docs.set(key, doc);
    this.dirty.add(key);
  }

  delete(key: string): void {
    this.docs.delete(key);
    this.dirty.add(key);
  }

  get size(): number {
    return this.docs.size;
  }

  /** Records a page applied in memory. */
  pending(events: number, lastRecordedAt: string): void {
    this.unwritten += events;
    this.lastRecordedAt = lastRecordedAt;
  }

  /**
   * The documents changed since the last write, as JSON (`sets`: key, text, key, text…;
   * `deletes`: keys), each then kept as that text; the next write expects `checkpoint`.
   */
  takeChanges(checkpoint: GlobalPosition): { sets: string[]; deletes: string[] } {
    const sets: string[] = [];
    const deletes: string[] = [];
    for (const key of this.dirty) {
      const doc = this.docs.get(key);
      if (doc === undefined) {
        deletes.push(key);
        continue;
      }
      const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
      sets.push(key, text);
      this.docs.set(key, text);
    }
    this.dirty.clear();
    this.written = checkpoint;
    this.unwritten = 0;
    return { sets, deletes };
  }
}
