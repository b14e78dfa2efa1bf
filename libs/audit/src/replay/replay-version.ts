import { createHash } from 'node:crypto';
import { dueAt } from '#directives';
import type { RecordedEvent } from '#event-store';
import type { Projection } from '#read-models';
import { plainItemState } from './item-state.codec.js';
import { emptyItemFold, foldItemEvent } from './item-replay.js';
import { DirectiveDocs } from './directive-docs.js';

/** Bump when the encoding of snapshots or checkpoints changes (2: item snapshots index their range's backdated figures; 3: assignments as pairs, in order). */
export const REPLAY_FORMAT = 3;
/** Bump when `evolveItem` changes meaning (it has no version of its own; the fingerprint below is a safety net). */
export const ITEM_EVOLVE_VERSION = 1;

const ITEM = 'replay-fixture.1';
const DIRECTIVE = 'replay-fixture';
const STREAM = `item-${ITEM}`;

/**
 * One short history touching every item event type, folded by the code that runs: its digest is
 * part of the checkpoint keys, so snapshots made by other code are never read even when someone
 * forgets a version bump. It only catches changes this history exercises; the explicit versions
 * (`ITEM_EVOLVE_VERSION`, each projection's `version`) remain the rule.
 */
function fixture(): RecordedEvent[] {
  const deadline = { date: '2021-06-30', dueAt: dueAt('2021-06-30') };
  const later = { date: '2021-07-31', dueAt: dueAt('2021-07-31') };
  const definition = { itemId: ITEM, number: 1, title: 'Cấp CCCD', text: '…', duties: [], targets: [{ metric: 'cards_issued', value: 1000 }], deadline: '2021-06-30', focusAreas: [] };
  const header = { issuer: 'Tỉnh ủy', number: '1-CV/TU', issuedOn: '2021-04-14', subject: 'CCCD', signer: { name: 'A', title: 'B' }, addressees: [], legalBasis: [] };
  const esc = { itemId: ITEM, escalationId: 'e1', unitId: 'a' };
  const facts: [string, Record<string, unknown>][] = [
    ['ItemIssued', { ...definition, directiveId: DIRECTIVE, deadline, issuedAt: '2021-04-14T02:00:00.000Z' }],
    ['UnitAssigned', { itemId: ITEM, unitId: 'a', role: 'lead', deadline, assignedAt: '2021-04-14T02:00:00.000Z' }],
    ['UnitAssigned', { itemId: ITEM, unitId: 'b', role: 'cooperating', viaGroupId: 'g', deadline, assignedAt: '2021-04-14T02:00:00.000Z' }],
    ['AssignmentAcknowledged', { itemId: ITEM, unitId: 'a', acknowledgedAt: '2021-04-15T02:00:00.000Z' }],
    ['ProgressReported', { itemId: ITEM, unitId: 'a', reportId: 'r1', asOf: '2021-05-01', metrics: { cards_issued: 300 }, narrative: 'n', reportedAt: '2021-05-01T10:00:00.000Z' }],
    ['ProgressReportCorrected', { itemId: ITEM, unitId: 'a', reportId: 'r1c', correctsReportId: 'r1', asOf: '2021-05-01', metrics: { cards_issued: 280 }, reason: 'x', correctedAt: '2021-05-02T10:00:00.000Z' }],
    ['BlockerReported', { itemId: ITEM, unitId: 'a', blockerId: 'k1', description: 'd', reportedAt: '2021-05-03T10:00:00.000Z' }],
    ['BlockerResolved', { itemId: ITEM, unitId: 'a', blockerId: 'k1', resolution: 'r', resolvedAt: '2021-05-04T10:00:00.000Z' }],
    ['ExtensionRequested', { itemId: ITEM, unitId: 'a', requestId: 'x1', currentDeadline: deadline, requestedDeadline: later, reason: 'r', requestedAt: '2021-05-05T10:00:00.000Z' }],
    ['ExtensionApproved', { itemId: ITEM, unitId: 'a', requestId: 'x1', originalDeadline: deadline, previousDeadline: deadline, newDeadline: later, decidedAt: '2021-05-06T10:00:00.000Z' }],
    ['ExtensionRequested', { itemId: ITEM, unitId: 'a', requestId: 'x2', currentDeadline: later, requestedDeadline: later, reason: 'r', requestedAt: '2021-05-07T10:00:00.000Z' }],
    ['ExtensionRejected', { itemId: ITEM, unitId: 'a', requestId: 'x2', reason: 'r', decidedAt: '2021-05-08T10:00:00.000Z' }],
    ['ReminderSent', { itemId: ITEM, unitId: 'a', rule: 'deadline-minus-7d', dueAt: '2021-07-24T01:00:00.000Z', sentAt: '2021-07-24T01:00:00.000Z', late: false, channels: ['inbox'] }],
    ['DeadlineMissed', { itemId: ITEM, unitId: 'a', deadline: later, detectedAt: '2021-07-31T17:00:00.000Z', late: false }],
    ['EscalationRaised', { ...esc, level: 1, rule: 'deadline_missed', reason: 'r', mustAct: 'm', raisedAt: '2021-07-31T17:00:00.000Z' }],
    ['EscalationLevelRaised', { ...esc, level: 2, mustAct: 's', reason: 'r', raisedAt: '2021-08-03T17:00:00.000Z' }],
    ['EscalationResolved', { ...esc, resolution: 'r', resolvedAt: '2021-08-04T17:00:00.000Z' }],
    ['CompletionReported', { itemId: ITEM, unitId: 'a', summary: 's', onTime: false, reportedAt: '2021-08-05T10:00:00.000Z' }],
    ['CompletionRejected', { itemId: ITEM, unitId: 'a', reason: 'r', reviewedAt: '2021-08-06T10:00:00.000Z' }],
    ['CompletionReported', { itemId: ITEM, unitId: 'a', summary: 's', onTime: false, reportedAt: '2021-08-07T10:00:00.000Z' }],
    ['CompletionAccepted', { itemId: ITEM, unitId: 'a', reviewedAt: '2021-08-08T10:00:00.000Z' }],
    ['ItemCompleted', { itemId: ITEM, onTime: false, completedAt: '2021-08-08T10:00:00.000Z' }],
    ['CommendationProposed', { itemId: ITEM, commendationId: 'c1', nominee: { kind: 'collective', name: 'A', unitId: 'a' }, reason: 'r', proposedAt: '2021-08-09T10:00:00.000Z' }],
    ['ItemClosed', { itemId: ITEM, outcome: 'completed', closedAt: '2021-08-10T10:00:00.000Z' }],
  ];
  const registered = recorded('registry-directives', 0, 'DirectiveRegistered', { directiveId: DIRECTIVE, header, items: [definition], registeredAt: '2021-04-14T02:00:00.000Z' });
  return [registered, ...facts.map(([type, data], revision) => recorded(STREAM, revision, type, data))];
}

function recorded(streamId: string, revision: number, type: string, data: Record<string, unknown>): RecordedEvent {
  const at = Object.entries(data).find(([key]) => key.endsWith('At') && key !== 'dueAt')?.[1] as string;
  return { streamId, revision, position: String(revision + 1), eventId: `${streamId}-${revision}`, type, data, metadata: { actor: { subject: 'fixture', role: 'system' }, correlationId: 'fixture', recordedAt: at } };
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);

let itemVersion: string | undefined;

/** The version part of item snapshot keys. */
export function itemSnapshotVersion(): string {
  itemVersion ??= `f${REPLAY_FORMAT}-e${ITEM_EVOLVE_VERSION}-${digest(plainItemState(fixture().slice(1).reduce(foldItemEvent, emptyItemFold()).state))}`;
  return itemVersion;
}

const directiveVersions = new Map<string, string>();

/** The version part of directive checkpoint keys: the projections' names and versions, and what they make of the fixture. */
export function directiveCheckpointVersion(projections: readonly Projection[]): string {
  const names = projections.map((p) => `${p.name}@${p.version}`).join('+');
  let version = directiveVersions.get(names);
  if (!version) {
    const docs = new DirectiveDocs(projections);
    for (const event of fixture()) docs.apply(event);
    version = `f${REPLAY_FORMAT}-${digest(names)}-${digest(docs.plain())}`;
    directiveVersions.set(names, version);
  }
  return version;
}
