/**
 * What an item event says to the unit it is addressed to: the kind of inbox entry, a one-line
 * Vietnamese summary and the useful details. Pure; dates shown as `d/m/yyyy` (+07 calendar dates).
 */
import type { ItemEvent } from '#directives';
import type { DetailValue, InboxItemIndexDoc, InboxKind } from './unit-inbox.document.js';

export interface EntryContent {
  readonly kind: InboxKind;
  readonly summary: string;
  readonly details: Readonly<Record<string, DetailValue>>;
}

/** `2021-06-30` → `30/6/2021`. */
export function viDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
}

const RULES: Readonly<Record<string, string>> = {
  deadline_missed: 'quá hạn chưa báo cáo hoàn thành',
  at_risk: 'có nguy cơ không đạt chỉ tiêu đúng hạn',
  unresolved: 'chưa được xử lý',
};

/** A reminder rule in words: `deadline-minus-3d` → `còn 3 ngày đến hạn`; unknown rules are shown as they are. */
export function reminderRule(rule: string): string {
  const days = /^deadline-minus-(\d+)d$/.exec(rule);
  if (days) return `còn ${days[1]} ngày đến hạn`;
  if (rule === 'weekly-report') return 'đến kỳ báo cáo tiến độ hằng tuần';
  return rule;
}

/** Optional fields as details, leaving out those absent. */
function defined(fields: Record<string, DetailValue | undefined>): Record<string, DetailValue> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, DetailValue>;
}

/** The entry an event makes in an inbox (the same for every unit it is addressed to); `undefined` for other events. */
export function entryContent(event: ItemEvent, item: InboxItemIndexDoc): EntryContent | undefined {
  const task = `nhiệm vụ số ${item.number}`;
  switch (event.type) {
    case 'UnitAssigned': {
      const { role, deadline, viaGroupId } = event.data;
      const how = role === 'lead' ? 'chủ trì' : 'phối hợp thực hiện';
      const summary = `Được giao ${how} ${task}: ${item.title}; hạn hoàn thành ${viDate(deadline.date)}.`;
      return { kind: 'assignment', summary, details: defined({ role, deadline: deadline.date, dueAt: deadline.dueAt, viaGroupId }) };
    }
    case 'ReminderSent': {
      const { rule, dueAt, sentAt, late, channels } = event.data;
      const summary = `Nhắc việc ${task}: ${reminderRule(rule)}${late ? ' (gửi muộn)' : ''}.`;
      return { kind: 'reminder', summary, details: { rule, dueAt, sentAt, late, channels: [...channels] } };
    }
    case 'EscalationRaised': {
      const { escalationId, level, rule, reason, mustAct } = event.data;
      const summary = `Cảnh báo cấp ${level} về ${task}: ${RULES[rule] ?? rule}; ${mustAct} cần xử lý.`;
      return { kind: 'escalation', summary, details: { escalationId, level, rule, reason, mustAct } };
    }
    case 'EscalationLevelRaised': {
      const { escalationId, level, reason, mustAct } = event.data;
      return { kind: 'escalation', summary: `Cảnh báo về ${task} được nâng lên cấp ${level}; ${mustAct} cần xử lý.`, details: { escalationId, level, reason, mustAct } };
    }
    case 'EscalationResolved': {
      const { escalationId, resolution } = event.data;
      return { kind: 'escalation', summary: `Cảnh báo về ${task} đã được giải quyết: ${resolution}`, details: { escalationId, resolution } };
    }
    default:
      return decisionContent(event, task);
  }
}

function decisionContent(event: ItemEvent, task: string): EntryContent | undefined {
  switch (event.type) {
    case 'ExtensionApproved': {
      const { requestId, newDeadline, previousDeadline, originalDeadline, note } = event.data;
      const details = defined({ requestId, newDeadline: newDeadline.date, previousDeadline: previousDeadline.date, originalDeadline: originalDeadline.date, note });
      return { kind: 'decision', summary: `Đồng ý gia hạn ${task} đến ngày ${viDate(newDeadline.date)}.`, details };
    }
    case 'ExtensionRejected':
      return { kind: 'decision', summary: `Không đồng ý gia hạn ${task}: ${event.data.reason}`, details: { requestId: event.data.requestId, reason: event.data.reason } };
    case 'CompletionAccepted':
      return { kind: 'decision', summary: `Kết quả hoàn thành ${task} được công nhận.`, details: defined({ note: event.data.note }) };
    case 'CompletionRejected':
      return { kind: 'decision', summary: `Kết quả hoàn thành ${task} chưa được công nhận: ${event.data.reason}`, details: { reason: event.data.reason } };
    case 'CommendationProposed': {
      const { commendationId, nominee, reason } = event.data;
      const details = defined({ commendationId, nominee: nominee.name, nomineeKind: nominee.kind, reason });
      return { kind: 'decision', summary: `Đề nghị biểu dương, khen thưởng ${nominee.name} (${task}): ${reason}`, details };
    }
    case 'ItemClosed': {
      const { outcome, note } = event.data;
      const summary = outcome === 'completed' ? `${capitalise(task)} đã kết thúc: hoàn thành.` : `${capitalise(task)} đã bị hủy bỏ${note ? `: ${note}` : '.'}`;
      return { kind: 'notice', summary, details: defined({ outcome, note }) };
    }
    default:
      return undefined;
  }
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
