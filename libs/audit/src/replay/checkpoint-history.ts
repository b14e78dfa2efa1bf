import type { RecordedEvent } from '#event-store';

/** Documents as a replay reads them: by key, and all of them (any order; a `Map` is one). */
export interface DocumentsAt {
  get(key: string): unknown;
  /** Visits every document once (no entry arrays made: a directive has hundreds of thousands). */
  forEach(visit: (doc: unknown, key: string) => void): void;
}

/** One version of a document: what checkpoint `seq` wrote (`null`: deleted there), and the version before it. */
interface Version {
  readonly seq: number;
  readonly doc: unknown;
  readonly before: Version | undefined;
}

/**
 * Every version of every document a directive's chain of checkpoints holds, decoded once: the
 * documents as of any of its checkpoints are then read from memory, without decoding the chain
 * again. Decoding is what a restore from Redis costs (a directive of a million events holds a few
 * hundred thousand documents, and its chain every version of them: seconds of JSON), and an
 * audit asks many dates of one directive. What is added is never changed afterwards: replays read
 * it through a copy-on-write layer (`DirectiveDocs.over`), so any number of them share one history.
 */
export class CheckpointHistory {
  private readonly stores = new Map<string, Map<string, Version>>();
  private readonly ids: string[] = [];
  /** Characters of checkpoint JSON decoded into it: what it weighs in the cache. */
  private chars = 0;

  constructor(projectionNames: readonly string[]) {
    for (const name of projectionNames) this.stores.set(name, new Map());
  }

  /** By checkpoint: the events of each item stream after it, as the first answer from it read them. */
  private readonly following = new Map<number, ReadonlyMap<string, readonly RecordedEvent[]>>();

  /** How many checkpoints it holds: `0 … length − 1`. */
  get length(): number {
    return this.ids.length;
  }

  get weight(): number {
    return this.chars;
  }

  /** Whether it holds checkpoint `seq` with this id (the chain's link ids follow from each other). */
  holds(seq: number, id: string): boolean {
    return this.ids[seq] === id;
  }

  /**
   * Adds the next checkpoint: its id and its delta over the one before, as the chain stores it
   * (`{ projection: [[key, document or null], …] }`). Throws on a projection it does not know.
   */
  add(seq: number, id: string, delta: string): void {
    if (seq !== this.ids.length) throw new Error(`Checkpoint ${seq} added after ${this.ids.length - 1}`);
    const changes = JSON.parse(delta) as Record<string, [string, unknown][]>;
    for (const [name, docs] of Object.entries(changes)) {
      const store = this.stores.get(name);
      if (!store) throw new Error(`A checkpoint of ${name}, which this replay does not run`);
      for (const [key, doc] of docs) store.set(key, { seq, doc, before: store.get(key) });
    }
    this.ids.push(id);
    this.chars += delta.length;
  }

  /**
   * Events of the item streams after checkpoint `seq` (each list: the stream's events from the
   * revision after the checkpoint's, contiguous, as far as they were read), kept for the next
   * answers from it: a log never changes, so only events past them are read from the store. They
   * replace what was kept (an answer that read further keeps more); `addedChars` estimates the
   * size of what they add.
   */
  keepFollowing(seq: number, events: ReadonlyMap<string, readonly RecordedEvent[]>, addedChars: number): void {
    this.following.set(seq, events);
    this.chars += addedChars;
  }

  /** What `keepFollowing` kept after checkpoint `seq`. */
  followingAt(seq: number): ReadonlyMap<string, readonly RecordedEvent[]> | undefined {
    return this.following.get(seq);
  }

  /** One projection's documents as of checkpoint `seq` (shared: never change them). */
  at(name: string, seq: number): DocumentsAt {
    const store = this.stores.get(name);
    if (!store) throw new Error(`No documents of ${name} in this history`);
    if (seq < 0 || seq >= this.ids.length) throw new Error(`No checkpoint ${seq} in this history`);
    return new VersionsAt(store, seq);
  }
}

/** The latest version at or before `seq` of each document (a deletion hides it). */
class VersionsAt implements DocumentsAt {
  constructor(private readonly store: ReadonlyMap<string, Version>, private readonly seq: number) {}

  get(key: string): unknown {
    const version = this.store.get(key);
    return version && docAt(version, this.seq);
  }

  forEach(visit: (doc: unknown, key: string) => void): void {
    const { seq } = this;
    this.store.forEach((version, key) => {
      const doc = docAt(version, seq);
      if (doc !== undefined) visit(doc, key);
    });
  }
}

function docAt(newest: Version, seq: number): unknown {
  let version: Version | undefined = newest;
  while (version && version.seq > seq) version = version.before;
  return version?.doc ?? undefined;
}
