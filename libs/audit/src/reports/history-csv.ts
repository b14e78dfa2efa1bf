import type { RecordedEvent } from '#event-store';
import { vnLocal } from './report-labels.js';

const COLUMNS = [
  'recorded_at_utc',
  'recorded_at_vn',
  'stream',
  'revision',
  'event_type',
  'actor',
  'role',
  'unit',
  'correlation_id',
  'causation_id',
  'event_id',
  'hash',
  'data',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function field(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(event: RecordedEvent): string {
  const m = event.metadata as RecordedEvent['metadata'] & { hash?: string };
  const values = [
    m.recordedAt,
    vnLocal(m.recordedAt),
    event.streamId,
    event.revision,
    event.type,
    m.actor.name ?? m.actor.subject,
    m.actor.role,
    m.actor.unitId,
    m.correlationId,
    m.causationId,
    event.eventId,
    m.hash,
    JSON.stringify(event.data),
  ];
  return values.map(field).join(',');
}

/**
 * A directive's history as CSV for spreadsheets: one row per event in the order recorded, every
 * envelope field, the payload as JSON. UTF-8 with a byte-order mark (spreadsheet programs then
 * read Vietnamese correctly) and CRLF line ends, as RFC 4180 asks.
 */
export function historyCsv(events: readonly RecordedEvent[]): string {
  const ordered = [...events].sort((a, b) => a.metadata.recordedAt.localeCompare(b.metadata.recordedAt) || a.streamId.localeCompare(b.streamId) || a.revision - b.revision);
  return `\uFEFF${[COLUMNS.join(','), ...ordered.map(row)].join('\r\n')}\r\n`;
}
