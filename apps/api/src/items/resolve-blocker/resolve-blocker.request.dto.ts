import { TextField } from '../../http/dto-fields.js';

export class ResolveBlockerRequest {
  @TextField(5000, { description: 'How it was resolved', example: 'Đã nhận 2 bộ thiết bị lưu động ngày 10/5' })
  resolution!: string;
}
