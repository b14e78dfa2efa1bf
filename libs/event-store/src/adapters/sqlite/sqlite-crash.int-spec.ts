import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordedEvent } from '../../event-store.port.js';
import { makeTempDirectory } from '../../testing/sqlite-temp-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const CHILD = join(ROOT, 'dist', 'test', 'fixtures', 'sqlite-append-loop.js');
const ACKS_BEFORE_KILL = 500;
const ROUNDS = 3;

interface Ack {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly position: string;
}

function parseAcks(text: string): Ack[] {
  return text.split('\n').flatMap((line) => {
    const match = /^ack (\S+) (\d+) (\S+) (\d+)$/.exec(line);
    return match ? [{ streamId: match[1], revision: Number(match[2]), eventId: match[3], position: match[4] }] : [];
  });
}

/** Runs the append loop until it acknowledged enough appends, then SIGKILLs it mid-flight. */
function appendUntilKilled(filename: string): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, filename], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!killed && stdout.split('\n').length > ACKS_BEFORE_KILL) killed = child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(giveUp);
      if (killed && signal === 'SIGKILL') return resolve(parseAcks(stdout));
      reject(new Error(`append loop ended on its own (code ${code}, signal ${signal}): ${stderr}`));
    });
  });
}

async function readEverything(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll({ maxCount: 1000 }); ; ) {
    events.push(...page.events);
    if (page.isEnd) return events;
    page = await store.readAll({ after: events[events.length - 1].position, maxCount: 1000 });
  }
}

function expectConsistentLog(events: readonly RecordedEvent[]): void {
  const nextRevision = new Map<string, number>();
  let previous = 0n;
  for (const event of events) {
    expect(BigInt(event.position)).toBeGreaterThan(previous);
    previous = BigInt(event.position);
    expect(event.revision).toBe(nextRevision.get(event.streamId) ?? 0);
    nextRevision.set(event.streamId, event.revision + 1);
    expect(event.data).toMatchObject({ streamId: event.streamId });
  }
}

function expectSoundFile(filename: string): void {
  const raw = new Database(filename, { readonly: true });
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const torn = raw.prepare('SELECT count(*) FROM events WHERE NOT json_valid(data) OR NOT json_valid(metadata)');
    expect(torn.pluck().get()).toBe(0);
  } finally {
    raw.close();
  }
}

/** A restarted child extends the killed child's streams instead of starting new ones. */
function expectContinuation(earlier: readonly Ack[], acks: readonly Ack[]): void {
  if (earlier.length === 0) return;
  const lastBefore = earlier.filter((ack) => ack.streamId === 'loop-0').at(-1);
  const firstNow = acks.find((ack) => ack.streamId === 'loop-0');
  expect(firstNow?.revision).toBeGreaterThan(lastBefore?.revision ?? Infinity);
}

describe('SqliteEventStore under SIGKILL', () => {
  let directory: string;

  beforeAll(() => {
    if (!existsSync(CHILD)) throw new Error(`${CHILD} is missing: run \`npm run build\` first`);
    directory = makeTempDirectory('event-store-crash-');
  });

  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it(`keeps every acknowledged append, contiguous and untorn, across ${ROUNDS} kills`, async () => {
    const filename = join(directory, 'events.db');
    const acknowledged: Ack[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const acks = await appendUntilKilled(filename);
      expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
      expectContinuation(acknowledged, acks);
      acknowledged.push(...acks);
      expectSoundFile(filename);
      const store = await SqliteEventStore.open({ filename });
      const events = await readEverything(store);
      await store.close();
      expectConsistentLog(events);
      const byId = new Map(events.map((event) => [event.eventId, event]));
      const missing = acknowledged.filter((ack) => {
        const stored = byId.get(ack.eventId);
        return stored?.streamId !== ack.streamId || stored.revision !== ack.revision || stored.position !== ack.position;
      });
      expect({ round, missing }).toEqual({ round, missing: [] });
      expect(new Set(acknowledged.map((ack) => ack.eventId)).size).toBe(acknowledged.length);
    }
  }, 90_000);
});
