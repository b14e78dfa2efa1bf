import type { DocumentStore } from './projection.js';

const ABSENT = Symbol('absent');

/**
 * The documents of one pass over a batch: those loaded from storage (`base`: their JSON text, or
 * `null` when absent) and the changes made while applying. A document is parsed from its text on
 * its first `get` (so each pass works on copies of its own, and documents never asked for are
 * never parsed), and that copy is what the pass reads afterwards; only documents given to `set`
 * (or `delete`) are written back. Asking for a key that was not loaded returns `undefined` and
 * records it in `missing`: the engine then loads those keys and applies the batch again.
 */
export class BatchDocumentStore implements DocumentStore {
  private readonly working = new Map<string, unknown>();
  private readonly touched = new Set<string>();
  readonly missing = new Set<string>();

  constructor(private readonly base: ReadonlyMap<string, string | null>) {}

  get<T>(key: string): T | undefined {
    if (this.working.has(key)) return unwrap<T>(this.working.get(key));
    const text = this.base.get(key);
    if (text === undefined) {
      this.missing.add(key);
      return undefined;
    }
    const copy = text === null ? ABSENT : JSON.parse(text);
    this.working.set(key, copy);
    return unwrap<T>(copy);
  }

  set<T>(key: string, doc: T): void {
    this.working.set(key, doc);
    this.touched.add(key);
  }

  delete(key: string): void {
    this.working.set(key, ABSENT);
    this.touched.add(key);
  }

  /** Documents given to `set` or `delete`: a value to write, or `undefined` to delete. */
  changed(): Map<string, unknown> {
    return new Map([...this.touched].map((key) => {
      const value = this.working.get(key);
      return [key, value === ABSENT ? undefined : value];
    }));
  }
}

function unwrap<T>(value: unknown): T | undefined {
  return value === ABSENT || value === undefined ? undefined : (value as T);
}

/**
 * Documents held in memory, every key present: for specifications and for as-of replays that
 * rebuild a model without Redis.
 */
export class InMemoryDocumentStore implements DocumentStore {
  readonly docs = new Map<string, unknown>();

  get<T>(key: string): T | undefined {
    return this.docs.get(key) as T | undefined;
  }

  set<T>(key: string, doc: T): void {
    this.docs.set(key, doc);
  }

  delete(key: string): void {
    this.docs.delete(key);
  }
}
