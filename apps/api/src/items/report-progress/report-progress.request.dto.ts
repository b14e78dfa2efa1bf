import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DateField, TextField } from '../../http/dto-fields.js';
import { IsMetricValues } from '../../http/validators.js';

export class ReportProgressRequest {
  @DateField({ description: 'The date (+07) the figures stand at; not in the future, not before the last report', example: '2021-05-15' })
  asOf!: string;

  @IsOptional()
  @IsMetricValues()
  @ApiPropertyOptional({
    description: 'Cumulative values since the item was issued (never lower than already reported; use a correction)',
    example: { cards_issued: 41250, applications_taken: 52300 },
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  metrics?: Record<string, number>;

  @TextField(10_000, { description: 'What was done, where, with whom', example: 'Tổ chức 12 điểm cấp CCCD lưu động tại các xã đảo' })
  narrative!: string;
}
