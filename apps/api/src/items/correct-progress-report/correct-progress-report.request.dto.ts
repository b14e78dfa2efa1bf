import { ApiProperty } from '@nestjs/swagger';
import { IsMetricValues } from '../../http/validators.js';
import { TextField } from '../../http/dto-fields.js';

export class CorrectProgressReportRequest {
  @IsMetricValues()
  @ApiProperty({ description: 'The corrected cumulative values as of the original report’s date', example: { cards_issued: 40980 }, type: 'object', additionalProperties: { type: 'number' } })
  metrics!: Record<string, number>;

  @TextField(10_000, { optional: true, description: 'Corrected narrative' })
  narrative?: string;

  @TextField(2000, { description: 'Why the figures change', example: 'Trùng 270 hồ sơ đã nhập ở xã Mong Thọ' })
  reason!: string;
}
