/**
 * Escalations of item 1 of 126-CV/TU for the specifications: Phú Quốc missed the 30-6-2021
 * deadline (level 1 to the police party committee, then level 2 to the Standing Committee);
 * Rạch Giá was at risk (resolved); an unresolved blocker with no unit (item-wide).
 */
import type { RecordedEvent } from '#event-store';
import type { CampaignLog } from '../directive-overview/campaign.fixtures.js';

export const MONITOR = 'dang-uy-cong-an-tinh';
export const STANDING_COMMITTEE = 'ban-thuong-vu-tinh-uy';

export function raised(log: CampaignLog, escalationId: string, at: string, fields: { unitId?: string; level?: number; rule?: 'deadline_missed' | 'at_risk' | 'unresolved'; itemId?: string } = {}): RecordedEvent {
  const { unitId, level = 1, rule = 'deadline_missed', itemId } = fields;
  const reason = rule === 'deadline_missed' ? 'Quá hạn 30/6/2021 chưa báo cáo hoàn thành' : rule === 'at_risk' ? 'Tốc độ cấp thẻ không đủ để đạt chỉ tiêu' : 'Vướng mắc chưa được giải quyết';
  return log.item('EscalationRaised', { itemId, escalationId, ...(unitId ? { unitId } : {}), level, rule, reason, mustAct: MONITOR, raisedAt: at }, at);
}

export function levelRaised(log: CampaignLog, escalationId: string, at: string, unitId?: string): RecordedEvent {
  return log.item('EscalationLevelRaised', { escalationId, ...(unitId ? { unitId } : {}), level: 2, mustAct: STANDING_COMMITTEE, reason: 'Chưa xử lý sau 3 ngày', raisedAt: at }, at);
}

export function resolved(log: CampaignLog, escalationId: string, at: string, unitId?: string): RecordedEvent {
  return log.item('EscalationResolved', { escalationId, ...(unitId ? { unitId } : {}), resolution: 'Đơn vị đã bổ sung máy thu nhận, cam kết hoàn thành', resolvedAt: at }, at);
}
