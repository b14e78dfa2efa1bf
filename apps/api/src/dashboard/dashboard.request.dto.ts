import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from '../http/dto-transforms.js';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { SlugField } from '../http/dto-fields.js';
import { ITEM_ID } from '../http/validators.js';


export class EscalationsQuery {
  @SlugField({ optional: true, description: 'Only this directive', example: '126-cv-tu-2021' })
  directiveId?: string;

  @IsOptional()
  @Matches(ITEM_ID, { message: '$property must be an item id such as 126-cv-tu-2021.1' })
  @ApiPropertyOptional({ description: 'Only this item', example: '126-cv-tu-2021.1' })
  itemId?: string;

  @SlugField({ optional: true, description: 'Only this unit', example: 'kien-hai' })
  unitId?: string;
}

export const INBOX_KINDS = ['assignment', 'reminder', 'escalation', 'decision', 'notice'] as const;

export class InboxQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  @ApiPropertyOptional({ description: 'At most this many entries, newest first (1–500)', default: 50 })
  limit?: number;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(INBOX_KINDS, { each: true, message: `each value in $property must be one of ${INBOX_KINDS.join(', ')}` })
  @ApiPropertyOptional({ description: 'Only these kinds, comma-separated', example: 'reminder,escalation' })
  kinds?: (typeof INBOX_KINDS)[number][];
}
