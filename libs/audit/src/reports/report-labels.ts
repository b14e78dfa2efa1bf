import { viDate } from '#read-models';

/** Vietnamese words of the report: the four cells of government task tracking, and the facts of the timeline. */
export const STATUS_VI: Readonly<Record<string, string>> = {
  in_progress_on_time: 'Đang thực hiện, trong hạn',
  in_progress_overdue: 'Đang thực hiện, quá hạn',
  completed_on_time: 'Hoàn thành đúng hạn',
  completed_late: 'Hoàn thành trễ hạn',
  cancelled: 'Đã hủy',
};

export const EVENT_VI: Readonly<Record<string, string>> = {
  DirectiveRegistered: 'Đăng ký văn bản chỉ đạo',
  ReminderPolicySet: 'Thiết lập chế độ nhắc việc',
  ItemIssued: 'Giao nhiệm vụ',
  UnitAssigned: 'Phân công đơn vị',
  AssignmentAcknowledged: 'Đơn vị xác nhận nhiệm vụ',
  ProgressReported: 'Báo cáo tiến độ',
  ProgressReportCorrected: 'Đính chính báo cáo tiến độ',
  BlockerReported: 'Báo cáo vướng mắc',
  BlockerResolved: 'Giải quyết vướng mắc',
  ExtensionRequested: 'Đề nghị gia hạn',
  ExtensionApproved: 'Đồng ý gia hạn',
  ExtensionRejected: 'Không đồng ý gia hạn',
  CompletionReported: 'Báo cáo hoàn thành',
  CompletionAccepted: 'Xác nhận hoàn thành',
  CompletionRejected: 'Không xác nhận hoàn thành',
  ItemCompleted: 'Nhiệm vụ hoàn thành',
  CommendationProposed: 'Đề xuất biểu dương, khen thưởng',
  ItemClosed: 'Kết thúc nhiệm vụ',
  DeadlineMissed: 'Quá hạn',
  ReminderSent: 'Nhắc việc',
  EscalationRaised: 'Báo cáo vượt cấp',
  EscalationLevelRaised: 'Nâng cấp xử lý',
  EscalationResolved: 'Đã xử lý kiến nghị',
  StatusReportIssued: 'Phát hành báo cáo kết quả',
};

/** `2021-06-30T17:00:00.000Z` → `2021-07-01 00:00:00` (+07, the time the secretariat reads). */
export function vnLocal(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** An instant as read in Vietnam: `8 giờ 00 ngày 23/6/2021`. */
export function viInstant(instant: string): string {
  const local = vnLocal(instant);
  return `${local.slice(11, 13)} giờ ${local.slice(14, 16)} ngày ${viDate(local.slice(0, 10))}`;
}

/** `1171200` → `1.171.200` (Vietnamese digit grouping). */
export function viNumber(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return fraction ? `${grouped},${fraction}` : grouped;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
