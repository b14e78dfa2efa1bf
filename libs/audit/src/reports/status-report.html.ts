import { viDate, type DirectiveOverview, type ItemOverview } from '#read-models';
import { escapeHtml as h, EVENT_VI, STATUS_VI, viInstant, viNumber } from './report-labels.js';

/** One line of the report's timeline. */
export interface TimelineEntry {
  readonly at: string;
  readonly itemNumber?: number;
  readonly type: string;
  readonly unitId?: string;
  readonly actor: string;
}

export interface StatusReportInput {
  readonly overview: DirectiveOverview;
  readonly timeline: readonly TimelineEntry[];
  /** The issue, when rendering an issued report; absent for a report made on request. */
  readonly issue?: { readonly number: number; readonly issuedAt: string };
  readonly reportsTo?: string;
}

const STYLE = `body{font-family:"Times New Roman",serif;margin:2rem auto;max-width:60rem;color:#111;line-height:1.4}
h1{font-size:1.4rem;text-align:center;text-transform:uppercase}h2{font-size:1.15rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #555;padding:.25rem .4rem;vertical-align:top;text-align:left}
th{background:#eee}.num{text-align:right}.overdue{color:#a00;font-weight:bold}.risk{color:#a60}.meta{text-align:center}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}h2{page-break-after:avoid}tr{page-break-inside:avoid}}`;

function cells(overview: DirectiveOverview): string {
  const c = overview.counts;
  const rows = (['in_progress_on_time', 'in_progress_overdue', 'completed_on_time', 'completed_late'] as const).map((k) => `<tr><td>${STATUS_VI[k]}</td><td class="num">${c[k]}</td></tr>`);
  rows.push(`<tr><td>Có nguy cơ không đạt chỉ tiêu đúng hạn</td><td class="num">${c.atRisk}</td></tr>`);
  if (c.cancelled > 0) rows.push(`<tr><td>${STATUS_VI.cancelled}</td><td class="num">${c.cancelled}</td></tr>`);
  return `<table><thead><tr><th>Tình trạng</th><th>Số nhiệm vụ</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function deadlineText(item: ItemOverview): string {
  const extended = item.leadUnits.filter((u) => u.extended).map((u) => `${h(u.unitId)}: gia hạn đến ${viDate(u.deadline.date)} (hạn ban đầu ${viDate(u.originalDeadline.date)})`);
  return [viDate(item.deadline.date), ...extended].join('<br>');
}

function itemRow(item: ItemOverview): string {
  const status = item.status ? STATUS_VI[item.status] ?? item.status : 'Chưa giao';
  const css = item.status === 'in_progress_overdue' ? ' class="overdue"' : '';
  const risk = item.atRisk ? '<br><span class="risk">Có nguy cơ không đạt</span>' : '';
  const units = [...item.leadUnits.map((u) => `${h(u.unitId)} (chủ trì)`), ...item.cooperatingUnits.map((u) => `${h(u.unitId)} (phối hợp)`)].join(', ');
  const progress = item.progress.map((p) => `${h(p.label ?? p.metric)}: ${viNumber(p.reached)}/${viNumber(p.target)} (${viNumber(p.percent)}%)`).join('<br>');
  return `<tr><td>${item.number}</td><td>${h(item.title)}</td><td${css}>${status}${risk}</td><td>${deadlineText(item)}</td><td>${units}</td><td>${progress}</td></tr>`;
}

function escalations(overview: DirectiveOverview): string {
  const open = overview.items.flatMap((item) => item.openEscalations.map((e) => ({ item, e })));
  if (open.length === 0) return '<p>Không có kiến nghị, báo cáo vượt cấp nào chưa được xử lý.</p>';
  const rows = open.map(({ item, e }) => `<tr><td>${item.number}</td><td>${h(e.unitId ?? '')}</td><td class="num">${e.level}</td><td>${h(e.reason)}</td><td>${h(e.mustAct)}</td><td>${viInstant(e.raisedAt)}</td></tr>`);
  return `<table><thead><tr><th>Nhiệm vụ</th><th>Đơn vị</th><th>Cấp</th><th>Nội dung</th><th>Cấp xử lý</th><th>Từ</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function timeline(entries: readonly TimelineEntry[]): string {
  if (entries.length === 0) return '<p>Chưa có diễn biến.</p>';
  const rows = entries.map((t) => `<tr><td>${viInstant(t.at)}</td><td>${t.itemNumber ?? ''}</td><td>${h(EVENT_VI[t.type] ?? t.type)}</td><td>${h(t.unitId ?? '')}</td><td>${h(t.actor)}</td></tr>`);
  return `<table><thead><tr><th>Thời điểm</th><th>Nhiệm vụ</th><th>Diễn biến</th><th>Đơn vị</th><th>Người ghi nhận</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The printable report of a directive's execution, in Vietnamese, as of `overview.asAt`: the four
 * cells and at-risk counts, each item with its status, deadlines, units and progress against
 * targets, open escalations, and the timeline. Everything shown comes from the overview and the log
 * given, so an issue rendered again from the log as of its date is the same document.
 */
export function renderStatusReport({ overview, timeline: entries, issue, reportsTo }: StatusReportInput): string {
  const header = overview.header;
  const title = `Báo cáo kết quả thực hiện ${h(header?.number ?? overview.directiveId)}${issue ? ` — số ${issue.number}` : ''}`;
  const items = overview.items.map(itemRow).join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head><body>
<p class="meta">${h(header?.issuer ?? '')}</p>
<h1>${title}</h1>
<p class="meta">${h(header?.subject ?? '')}</p>
<p class="meta">Tình hình đến ${viInstant(overview.asAt)}${issue ? ` · phát hành ${viInstant(issue.issuedAt)}` : ''}${reportsTo ? ` · Kính gửi: ${h(reportsTo)}` : ''}</p>
<h2>I. Tổng hợp</h2>${cells(overview)}
<h2>II. Tình hình từng nhiệm vụ</h2>
<table><thead><tr><th>Số</th><th>Nhiệm vụ</th><th>Tình trạng</th><th>Thời hạn</th><th>Đơn vị</th><th>Kết quả so với chỉ tiêu</th></tr></thead><tbody>${items}</tbody></table>
<h2>III. Kiến nghị, báo cáo vượt cấp chưa xử lý</h2>${escalations(overview)}
<h2>IV. Diễn biến</h2>${timeline(entries)}
</body></html>
`;
}
