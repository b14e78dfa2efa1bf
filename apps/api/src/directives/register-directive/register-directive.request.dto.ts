import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from '../../http/dto-transforms.js';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DateField, SlugField, TextField } from '../../http/dto-fields.js';
import { MAX_METRIC_VALUE } from '../../http/validators.js';

export class SignerDto {
  @TextField(200, { example: 'Mai Văn Huỳnh' })
  name!: string;

  @TextField(300, { example: 'Phó Bí thư Thường trực' })
  title!: string;
}

export class MonitoringDto {
  @SlugField({ description: 'The unit that chairs the monitoring', example: 'dang-uy-cong-an-tinh' })
  leadUnitId!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { each: true, message: 'each value in $property must be a kebab-case unit id' })
  @ApiProperty({ type: [String], example: ['van-phong-tinh-uy'] })
  withUnitIds!: string[];

  @TextField(300, { description: 'To whom the monitors report', example: 'Ban Thường vụ Tỉnh ủy' })
  reportsTo!: string;
}

export class DutyDto {
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: '$property must be snake_case, at most 64 characters' })
  @ApiProperty({ example: 'propaganda' })
  code!: string;

  @TextField(2000, { example: 'Đẩy mạnh tuyên truyền để người dân hiểu quyền lợi, nghĩa vụ' })
  description!: string;
}

export class TargetDto {
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: '$property must be snake_case, at most 64 characters' })
  @ApiProperty({ example: 'cards_issued' })
  metric!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(MAX_METRIC_VALUE)
  @ApiProperty({ example: 1171200 })
  value!: number;

  @TextField(200, { optional: true, example: 'thẻ CCCD đã cấp' })
  label?: string;
}

const list = (max: number, type: () => new () => object) => [IsArray(), ArrayMaxSize(max), ValidateNested({ each: true }), Type(type)];

export class ItemDefinitionDto {
  @IsInt()
  @Min(1)
  @Max(999)
  @ApiProperty({ example: 1 })
  number!: number;

  @TextField(500, { example: 'Lãnh đạo, huy động cả hệ thống chính trị tuyên truyền, vận động' })
  title!: string;

  @TextField(20_000, { description: 'The item’s full text' })
  text!: string;

  @(applyAll(list(50, () => DutyDto)))
  @ApiPropertyOptional({ type: [DutyDto] })
  @IsOptional()
  duties?: DutyDto[];

  @(applyAll(list(20, () => TargetDto)))
  @ApiPropertyOptional({ type: [TargetDto] })
  @IsOptional()
  targets?: TargetDto[];

  @DateField({ description: 'Deadline (+07): due before the next day begins in Vietnam', example: '2021-06-30' })
  deadline!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @ApiPropertyOptional({ type: [String], example: ['remote', 'border', 'island'] })
  focusAreas?: string[];
}

export class RegisterDirectiveRequest {
  @SlugField({ optional: true, description: 'Defaults to the number and the year, e.g. 126-cv-tu-2021', example: '126-cv-tu-2021' })
  id?: string;

  @TextField(300, { example: 'Tỉnh ủy Kiên Giang' })
  issuer!: string;

  @TextField(50, { example: '126-CV/TU' })
  number!: string;

  @DateField({ example: '2021-04-14' })
  issuedOn!: string;

  @TextField(200, { optional: true, example: 'Kiên Giang' })
  place?: string;

  @TextField(1000, { example: 'Chỉ đạo đẩy mạnh công tác cấp căn cước công dân trên địa bàn tỉnh' })
  subject!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => SignerDto)
  @ApiProperty({ type: SignerDto })
  signer!: SignerDto;

  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  @ApiProperty({ type: [String] })
  addressees!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  @ApiPropertyOptional({ type: [String] })
  legalBasis?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => MonitoringDto)
  @ApiPropertyOptional({ type: MonitoringDto })
  monitoring?: MonitoringDto;

  @(applyAll([IsArray(), ArrayMinSize(1), ArrayMaxSize(100), ValidateNested({ each: true }), Type(() => ItemDefinitionDto)]))
  @ApiProperty({ type: [ItemDefinitionDto] })
  items!: ItemDefinitionDto[];
}

function applyAll(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}
