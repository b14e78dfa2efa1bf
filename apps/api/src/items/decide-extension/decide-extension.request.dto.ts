import { DateField, EnumField, TextField } from '../../http/dto-fields.js';

export class DecideExtensionRequest {
  @EnumField(['approve', 'reject'] as const, { example: 'approve' })
  decision!: 'approve' | 'reject';

  @DateField({ optional: true, description: 'On approval: the deadline granted (defaults to the one requested)', example: '2021-07-15' })
  grantedDeadline?: string;

  @TextField(5000, { optional: true, description: 'Required when rejecting', example: 'Đồng ý gia hạn đến 15/7/2021' })
  note?: string;
}
