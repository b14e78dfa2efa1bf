import { TextField } from '../../http/dto-fields.js';

export class ResolveEscalationRequest {
  @TextField(5000, { description: 'How the escalation was resolved', example: 'Đã làm việc với Huyện ủy; đơn vị cam kết hoàn thành trước 15-7' })
  resolution!: string;
}
