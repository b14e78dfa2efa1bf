import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The raw ceiling of durable appends on this disk: one event per transaction, WAL,
 * `synchronous=FULL`, a prepared insert of a realistic event row, nothing else. Every figure
 * the benchmarks print is compared with this one, measured in the same run on the same folder.
 */
export function measureRawCeiling(dir: string, seconds: number): { eventsPerSecond: number; count: number } {
  const db = new Database(join(dir, 'raw-ceiling.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, revision))`);
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const data = JSON.stringify({ asOf: '2021-05-01', metrics: { cards_issued: 41250 }, narrative: 'Tổ chức 12 điểm cấp CCCD lưu động tại các xã đảo' });
  const metadata = JSON.stringify({ actor: { subject: 'unit:rach-gia', role: 'unit', unitId: 'rach-gia' }, correlationId: 'c', recordedAt: new Date().toISOString() });
  const append = db.transaction((i: number) => insert.run(`item-${i % 100}`, Math.floor(i / 100), `e-${i}`, 'ProgressReported', data, metadata, new Date().toISOString()));
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < seconds * 1000) append(count++);
  const elapsed = (performance.now() - started) / 1000;
  db.close();
  return { eventsPerSecond: count / elapsed, count };
}
