import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from '../../http/dto-transforms.js';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateIf, ValidateNested } from 'class-validator';
import { DateField, EnumField, NotWith } from '../../http/dto-fields.js';
import { IsSlug } from '../../http/validators.js';

/** Exactly one of `unitId` and `groupId`: when both are missing, `unitId` is reported as required. */
export class AssigneeDto {
  @ValidateIf((o: AssigneeDto) => o.groupId === undefined || o.unitId !== undefined)
  @IsSlug()
  @ApiPropertyOptional({ description: 'One unit (give unitId or groupId)', example: 'rach-gia' })
  unitId?: string;

  @ValidateIf((o: AssigneeDto) => o.groupId !== undefined)
  @NotWith('unitId')
  @IsSlug()
  @ApiPropertyOptional({ description: 'A group: one assignment per member unit', example: 'district-party-committees' })
  groupId?: string;

  @EnumField(['lead', 'cooperating'] as const, { description: 'Lead (chủ trì) or cooperating (phối hợp)', example: 'lead' })
  role!: 'lead' | 'cooperating';
}

export class AssignUnitsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AssigneeDto)
  @ApiProperty({ type: [AssigneeDto] })
  assignees!: AssigneeDto[];

  @DateField({ optional: true, description: "The units' deadline; defaults to the item's", example: '2021-06-30' })
  deadline?: string;
}
