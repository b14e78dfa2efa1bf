import { ApiProperty } from '@nestjs/swagger';
import { Type } from '../../http/dto-transforms.js';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsInt, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const timeOfDay = () => Matches(TIME_OF_DAY, { message: '$property must be a time of day HH:MM (+07)' });

export class DeadlineReminderDto {
  @IsInt()
  @Min(0)
  @Max(365)
  @ApiProperty({ description: 'Whole days before the deadline date', example: 3 })
  daysBefore!: number;

  @timeOfDay()
  @ApiProperty({ description: 'Time of day in +07', example: '08:00' })
  at!: string;
}

export class ReportReminderDto {
  @IsInt()
  @Min(1)
  @Max(7)
  @ApiProperty({ description: 'ISO weekday in +07: 1 = Monday … 7 = Sunday', example: 1 })
  weekday!: number;

  @timeOfDay()
  @ApiProperty({ example: '08:00' })
  at!: string;
}

export class EscalationPolicyDto {
  @IsInt()
  @Min(1)
  @Max(8760)
  @ApiProperty({ description: 'An escalation unresolved this long climbs one level', example: 72 })
  climbAfterHours!: number;

  @IsInt()
  @Min(1)
  @Max(2)
  @ApiProperty({ description: '1: the monitor only; 2: then the Standing Committee', example: 2 })
  maxLevel!: number;

  @IsBoolean()
  @ApiProperty({ description: 'Raise an early warning when the target forecast misses the deadline', example: true })
  earlyWarning!: boolean;
}

export class ReminderPolicyRequest {
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => DeadlineReminderDto)
  @ApiProperty({ type: [DeadlineReminderDto] })
  deadlineReminders!: DeadlineReminderDto[];

  @ValidateIf((o: ReminderPolicyRequest) => o.reportReminders !== null)
  @IsDefined()
  @ValidateNested()
  @Type(() => ReportReminderDto)
  @ApiProperty({ type: ReportReminderDto, nullable: true, description: 'Weekly report reminders; null turns them off' })
  reportReminders!: ReportReminderDto | null;

  @IsDefined()
  @ValidateNested()
  @Type(() => EscalationPolicyDto)
  @ApiProperty({ type: EscalationPolicyDto })
  escalation!: EscalationPolicyDto;
}
