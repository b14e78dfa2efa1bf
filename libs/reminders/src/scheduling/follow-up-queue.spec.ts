import { describe, expect, it } from '@jest/globals';
import type { PlannedJob } from '../policy/index.js';
import { decodeFollowUp, encodeFollowUp, queueJobId } from './follow-up-queue.js';

const jobs: PlannedJob[] = [
  { kind: 'reminder', itemId: '126-cv-tu-2021.1', unitId: 'huyen-uy-kien-hai', rule: 'deadline-minus-7d', dueAt: '2021-06-23T01:00:00.000Z' },
  { kind: 'overdue-check', itemId: '126-cv-tu-2021.1', unitId: 'thanh-uy-rach-gia', rule: 'deadline-due', dueAt: '2021-06-30T17:00:00.000Z' },
  { kind: 'escalation-climb', itemId: '126-cv-tu-2021.1', escalationId: 'missed-ha-tien-2021-06-30', level: 2, rule: 'climb-to-2', dueAt: '2021-07-03T17:01:00.250Z' },
];

describe('Follow-up jobs as BullMQ holds them', () => {
  it('decode to the planned job they were made from', () => {
    for (const job of jobs) expect(decodeFollowUp(encodeFollowUp(job))).toEqual(job);
  });

  it('fit in 64 bytes for the ids of 126-CV/TU, so the job hash stays compact', () => {
    for (const job of jobs) expect(JSON.stringify(encodeFollowUp(job)).length).toBeLessThanOrEqual(64);
    for (const job of jobs) expect(JSON.stringify({ jobId: queueJobId(job), delay: 99_999_999_999, attempts: 0 }).length).toBeLessThanOrEqual(64);
  });

  it('have one id per item, unit or escalation, rule and due time', () => {
    const [reminder] = jobs;
    expect(queueJobId({ ...reminder! })).toBe(queueJobId(reminder!));
    expect(queueJobId({ ...reminder!, dueAt: '2021-06-23T01:00:00.001Z' })).not.toBe(queueJobId(reminder!));
    expect(queueJobId({ ...reminder!, unitId: 'thanh-uy-ha-tien' })).not.toBe(queueJobId(reminder!));
    expect(new Set(jobs.map(queueJobId)).size).toBe(jobs.length);
    expect(queueJobId(reminder!)).not.toContain(':');
  });
});
