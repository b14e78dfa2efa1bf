import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#directives';
import { CurrentActor } from '../../http/auth.decorators.js';
import { ItemIdPipe } from '../../http/validators.js';
import { asOfOf } from './as-of.fields.js';
import { GetItemAsOfQuery } from './get-item-as-of.handler.js';
import { ItemAsOfQuery } from './item-as-of.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId')
export class ItemAsOfController {
  constructor(private readonly queries: QueryBus) {}

  @Get('state')
  @ApiOperation({ summary: 'The item exactly as it stood at an instant (?asOf=, &knowledge=recorded|current) or a revision (?revision=): its events folded, statuses computed then' })
  @ApiOkResponse({ description: 'The view of GET /items/:itemId at that point, with the same visibility for units; 404 ITEM.NOT_ISSUED_AT before the item existed' })
  state(@Param('itemId', ItemIdPipe) itemId: string, @Query() query: ItemAsOfQuery, @CurrentActor() viewer: Actor) {
    const point = query.revision !== undefined ? { revision: query.revision } : asOfOf(query.asOf!, query.knowledge);
    return this.queries.execute(new GetItemAsOfQuery(itemId, point, viewer));
  }
}
