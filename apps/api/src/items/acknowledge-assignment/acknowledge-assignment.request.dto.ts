import { TextField } from '../../http/dto-fields.js';

export class AcknowledgeAssignmentRequest {
  @TextField(2000, { optional: true, description: 'Who received it, first steps', example: 'Đã tiếp nhận, giao Ban Tuyên giáo Thành ủy triển khai' })
  note?: string;
}
