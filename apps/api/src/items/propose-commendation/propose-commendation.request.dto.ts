import { ApiProperty } from '@nestjs/swagger';
import { Type } from '../../http/dto-transforms.js';
import { IsDefined, ValidateNested } from 'class-validator';
import { EnumField, SlugField, TextField } from '../../http/dto-fields.js';

export class NomineeDto {
  @EnumField(['collective', 'individual'] as const, { description: 'A collective (tập thể) or an individual (cá nhân)', example: 'collective' })
  kind!: 'collective' | 'individual';

  @TextField(300, { example: 'Công an huyện Kiên Hải' })
  name!: string;

  @SlugField({ optional: true, description: 'The unit the nominee belongs to; must be assigned to the item', example: 'kien-hai' })
  unitId?: string;

  @TextField(300, { optional: true, description: 'For individuals: position held', example: 'Đội trưởng Đội Cảnh sát QLHC về TTXH' })
  position?: string;
}

export class ProposeCommendationRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => NomineeDto)
  @ApiProperty({ type: NomineeDto })
  nominee!: NomineeDto;

  @TextField(5000, { description: 'Outstanding results that justify it', example: 'Hoàn thành 100% chỉ tiêu cấp CCCD tại huyện đảo trước thời hạn' })
  reason!: string;
}
