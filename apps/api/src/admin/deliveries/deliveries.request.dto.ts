import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from '../../http/dto-transforms.js';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DELIVERY_STATES, type DeliveryState } from '#reminders';

export class DeliveriesQuery {
  @IsOptional()
  @IsIn(DELIVERY_STATES, { message: `$property must be one of ${DELIVERY_STATES.join(', ')}` })
  @ApiPropertyOptional({ enum: DELIVERY_STATES, default: 'parked', description: 'parked: attempts spent, waiting for an administrator; pending: queued, running or waiting for a retry' })
  state?: DeliveryState;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  @ApiPropertyOptional({ description: 'At most this many deliveries, oldest first (1–500)', default: 50 })
  limit?: number;
}

/** `<event id>|<unit id>|<channel>`, as the dispatcher makes them. */
const DELIVERY_ID = /^[A-Za-z0-9._-]{1,128}\|[a-z0-9]+(?:-[a-z0-9]+)*\|[a-z]{1,32}$/;

/** Validates a delivery id taken from the path; a malformed one is a 400 naming the parameter. */
@Injectable()
export class DeliveryIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value === 'string' && value.length <= 256 && DELIVERY_ID.test(value)) return value;
    const message = 'id is malformed (expected <event id>|<unit id>|<channel>, with | encoded as %7C)';
    throw new BadRequestException({ statusCode: 400, code: 'REQUEST.VALIDATION_FAILED', message, errors: [{ field: 'id', rule: 'matches', message }] });
  }
}
