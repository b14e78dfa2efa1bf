import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeliveryAdmin, type DeliveryView } from '#reminders';
import { Roles } from '../../http/auth.decorators.js';
import { DeliveriesQuery, DeliveryIdPipe } from './deliveries.request.dto.js';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveryAdmin) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Webhook deliveries parked after their last attempt, or still pending: unit, receiver host, event type, attempts, last error, times',
  })
  async list(@Query() query: DeliveriesQuery): Promise<{ state: string; deliveries: DeliveryView[] }> {
    const state = query.state ?? 'parked';
    return { state, deliveries: await this.deliveries.list(state, query.limit ?? 50) };
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Queue a parked delivery again with a fresh set of attempts (404 unknown, 409 not parked)' })
  @ApiAcceptedResponse({ description: 'Queued again; it leaves the parked list' })
  retry(@Param('id', DeliveryIdPipe) id: string): Promise<DeliveryView> {
    return this.deliveries.retry(id);
  }
}
