import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches } from 'class-validator';
import { SlugField, TextField } from '../../http/dto-fields.js';

export class DefineUnitGroupRequest {
  @SlugField({ example: 'district-party-committees' })
  id!: string;

  @TextField(300, { example: 'Các huyện ủy, thành ủy' })
  name!: string;

  @TextField(300, { optional: true, example: 'District and city party committees' })
  nameEn?: string;

  @TextField(2000, { optional: true })
  description?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { each: true, message: 'each value in $property must be a kebab-case unit id' })
  @ApiProperty({ type: [String], example: ['rach-gia', 'ha-tien', 'phu-quoc'] })
  memberIds!: string[];
}
