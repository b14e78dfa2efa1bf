import { TextField } from '../../http/dto-fields.js';

export class ReportBlockerRequest {
  @TextField(5000, { description: 'What stands in the way', example: 'Thiếu máy thu nhận vân tay cho 3 xã đảo' })
  description!: string;

  @TextField(2000, { optional: true, description: 'What support would unblock it', example: 'Đề nghị Công an tỉnh bổ sung 2 bộ thiết bị lưu động' })
  supportNeeded?: string;
}
