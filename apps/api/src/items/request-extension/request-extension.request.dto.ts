import { DateField, TextField } from '../../http/dto-fields.js';

export class RequestExtensionRequest {
  @DateField({ description: 'The deadline asked for (+07); later than the current one', example: '2021-07-15' })
  requestedDeadline!: string;

  @TextField(5000, { description: 'Why more time is needed', example: 'Ngư dân đi biển dài ngày, chưa về địa phương làm thủ tục' })
  reason!: string;
}
