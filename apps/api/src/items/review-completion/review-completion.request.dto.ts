import { EnumField, SlugField, TextField } from '../../http/dto-fields.js';

export class ReviewCompletionRequest {
  @SlugField({ description: 'The lead unit whose completion is reviewed', example: 'phu-quoc' })
  unitId!: string;

  @EnumField(['accept', 'reject'] as const, { example: 'accept' })
  decision!: 'accept' | 'reject';

  @TextField(5000, { optional: true, description: 'Required when rejecting', example: 'Số liệu khớp với hệ thống cấp CCCD của Bộ Công an' })
  note?: string;
}
