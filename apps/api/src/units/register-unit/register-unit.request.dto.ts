import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches } from 'class-validator';
import { UNIT_KINDS, type UnitKind } from '#directives';
import { EnumField, SlugField, TextField } from '../../http/dto-fields.js';

export class RegisterUnitRequest {
  @SlugField({ example: 'kien-hai' })
  id!: string;

  @TextField(300, { description: 'Official name in Vietnamese', example: 'Huyện ủy Kiên Hải' })
  name!: string;

  @TextField(300, { optional: true, example: 'Kien Hai District Party Committee' })
  nameEn?: string;

  @EnumField(UNIT_KINDS, { example: 'district_party_committee' })
  kind!: UnitKind;

  @SlugField({ optional: true, description: 'The unit it belongs to; must already be registered', example: 'tinh-uy' })
  parentId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { each: true, message: 'each value in $property must be a kebab-case tag' })
  @ApiPropertyOptional({ type: [String], example: ['island'] })
  tags?: string[];
}
