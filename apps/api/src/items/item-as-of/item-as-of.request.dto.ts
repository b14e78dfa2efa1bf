import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from '../../http/dto-transforms.js';
import { IsInt, IsOptional, Min } from 'class-validator';
import type { Knowledge } from '#audit';
import { NotWith } from '../../http/dto-fields.js';
import { ExactlyOneWith, InstantField, KnowledgeField } from './as-of.fields.js';

/** `GET /items/:itemId/state`: exactly one of `asOf` and `revision`; `knowledge` only with `asOf`. */
export class ItemAsOfQuery {
  @InstantField({ optional: true, description: 'The instant asked (exactly one of asOf and revision)' })
  @ExactlyOneWith('revision')
  asOf?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @ApiPropertyOptional({ description: 'The item after every event up to this revision of its stream, whenever recorded (exactly one of asOf and revision)', example: 12 })
  revision?: number;

  @KnowledgeField()
  @NotWith('revision')
  knowledge?: Knowledge;
}
