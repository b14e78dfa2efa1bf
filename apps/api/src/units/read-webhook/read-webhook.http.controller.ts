import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#directives';
import { CurrentActor, Roles } from '../../http/auth.decorators.js';
import { PathIdPipe } from '../../http/validators.js';
import { GetUnitWebhookQuery, type UnitWebhookView } from './read-webhook.handler.js';

export class UnitWebhookResponse {
  @ApiProperty({ example: 'rach-gia' })
  unitId!: string;

  @ApiProperty({ example: 'https://hooks.rach-gia.example.vn/directives' })
  url!: string;

  @ApiProperty({ example: '2021-04-14T02:00:00.000Z' })
  registeredAt!: string;
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('units/:unitId/webhook')
export class ReadWebhookController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('secretariat', 'admin', 'unit')
  @ApiOperation({ summary: 'The unit’s webhook (never its secret); 404 WEBHOOK.NOT_FOUND when it has none' })
  @ApiOkResponse({ type: UnitWebhookResponse })
  read(@Param('unitId', new PathIdPipe('unitId')) unitId: string, @CurrentActor() viewer: Actor): Promise<UnitWebhookView> {
    return this.queries.execute(new GetUnitWebhookQuery(unitId, viewer));
  }
}
