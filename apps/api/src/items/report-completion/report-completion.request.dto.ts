import { TextField } from '../../http/dto-fields.js';

export class ReportCompletionRequest {
  @TextField(10_000, { description: 'What was achieved', example: 'Hoàn thành thu nhận hồ sơ cấp CCCD cho 100% công dân đủ điều kiện trên địa bàn' })
  summary!: string;
}
