import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetItemHistoryQuery, GetItemQuery, type Actor } from '#directives';
import { CurrentActor } from '../../http/auth.decorators.js';
import { ItemIdPipe } from '../../http/validators.js';
import { ItemHistoryQuery } from './item-history.request.dto.js';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items/:itemId')
export class GetItemController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The item as it stands now: status, deadlines, assignments, progress against targets' })
  @ApiOkResponse({ description: 'A unit sees its own assignment in full and the others only by id, role and deadline' })
  get(@Param('itemId', ItemIdPipe) itemId: string, @CurrentActor() viewer: Actor) {
    return this.queries.execute(new GetItemQuery(itemId, viewer));
  }

  @Get('events')
  @ApiOperation({ summary: 'The item’s history, oldest first, with actor, role, unit, recorded time, correlation and causation ids' })
  history(@Param('itemId', ItemIdPipe) itemId: string, @Query() query: ItemHistoryQuery, @CurrentActor() viewer: Actor) {
    return this.queries.execute(new GetItemHistoryQuery(itemId, viewer, query.fromRevision ?? 0, query.limit ?? 100));
  }
}
