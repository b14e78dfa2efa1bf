import { describe, expect, it } from '@jest/globals';
import type { DirectiveOverview } from '#read-models';
import { historyCsv } from './history-csv.js';
import { renderStatusReport } from './status-report.html.js';

const DEADLINE = { date: '2021-06-30', dueAt: '2021-06-30T17:00:00.000Z' };
const overview: DirectiveOverview = {
  directiveId: '126-cv-tu-2021',
  header: { issuer: 'Tỉnh ủy Kiên Giang', number: '126-CV/TU', issuedOn: '2021-04-14', subject: 'Cấp căn cước công dân', signer: { name: 'A', title: 'B' }, addressees: [], legalBasis: [] },
  asAt: '2021-05-14T09:00:00.000Z',
  counts: { in_progress_on_time: 0, in_progress_overdue: 1, completed_on_time: 0, completed_late: 0, cancelled: 0, atRisk: 1 },
  items: [{
    itemId: '126-cv-tu-2021.1', number: 1, title: 'Cấp <thẻ> CCCD', issued: true, status: 'in_progress_overdue', atRisk: true, deadline: DEADLINE,
    leadUnits: [{ unitId: 'rach-gia', role: 'lead', status: 'in_progress_overdue', deadline: { date: '2021-07-15', dueAt: '2021-07-15T17:00:00.000Z' }, originalDeadline: DEADLINE, extended: true, completion: { status: 'none' } }],
    cooperatingUnits: [],
    openEscalations: [{ escalationId: 'missed-rach-gia-2021-06-30', unitId: 'rach-gia', level: 2, rule: 'deadline_missed', reason: 'Quá hạn', mustAct: 'Ban Thường vụ Tỉnh ủy', raisedAt: '2021-07-01T00:00:00.000Z' }],
    progress: [{ metric: 'cards_issued', label: 'thẻ CCCD đã cấp', target: 1171200, reached: 654321, percent: 55.87 }],
  }],
};

describe('The printable status report', () => {
  const html = renderStatusReport({ overview, timeline: [{ at: '2021-05-10T02:00:00.000Z', itemNumber: 1, type: 'ProgressReported', unitId: 'rach-gia', actor: 'Thành ủy Rạch Giá' }], issue: { number: 3, issuedAt: '2021-05-14T09:00:00.000Z' }, reportsTo: 'Ban Thường vụ Tỉnh ủy' });

  it('is a Vietnamese, printable document naming the directive, the issue and the instant it reports as of (+07)', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(html).toContain('Báo cáo kết quả thực hiện 126-CV/TU — số 3');
    expect(html).toContain('Tình hình đến 16 giờ 00 ngày 14/5/2021');
    expect(html).toContain('@media print');
  });

  it('shows the four cells, at risk, deadlines with extensions, progress against the target, escalations and the timeline', () => {
    expect(html).toContain('Đang thực hiện, quá hạn');
    expect(html).toContain('Có nguy cơ không đạt');
    expect(html).toContain('gia hạn đến 15/7/2021 (hạn ban đầu 30/6/2021)');
    expect(html).toContain('thẻ CCCD đã cấp: 654.321/1.171.200 (55,87%)');
    expect(html).toContain('Ban Thường vụ Tỉnh ủy');
    expect(html).toContain('Báo cáo tiến độ');
  });

  it('escapes what people typed', () => {
    expect(html).toContain('Cấp &lt;thẻ&gt; CCCD');
    expect(html).not.toContain('<thẻ>');
  });
});

describe('The history as CSV', () => {
  it('has a header, one row per event in recorded order, quoted fields, a BOM and CRLF', () => {
    const event = (revision: number, recordedAt: string, data: unknown) => ({
      eventId: `e${revision}`, type: 'ProgressReported', data, streamId: 'item-126-cv-tu-2021.1', revision, position: String(revision),
      metadata: { actor: { subject: 'rg', role: 'unit' as const, unitId: 'rach-gia' }, correlationId: 'c1', recordedAt },
    });
    const csv = historyCsv([event(1, '2021-05-10T02:00:00.000Z', { narrative: 'Tuần 2, "tốt"' }), event(0, '2021-05-03T02:00:00.000Z', { n: 1 })]);
    const lines = csv.split('\r\n');
    expect(csv.startsWith('\uFEFFrecorded_at_utc,recorded_at_vn,stream,revision,event_type')).toBe(true);
    expect(lines[1]).toBe('2021-05-03T02:00:00.000Z,2021-05-03 09:00:00,item-126-cv-tu-2021.1,0,ProgressReported,rg,unit,rach-gia,c1,,e0,,"{""n"":1}"');
    expect(lines[2]).toContain('"{""narrative"":""Tuần 2, \\""tốt\\""""}"');
    expect(lines).toHaveLength(4);
  });
});
