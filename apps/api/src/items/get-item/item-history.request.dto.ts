import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from '../../http/dto-transforms.js';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ItemHistoryQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @ApiPropertyOptional({ description: 'First revision of the page', default: 0 })
  fromRevision?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  @ApiPropertyOptional({ description: 'Events per page (1–1000)', default: 100 })
  limit?: number;
}
