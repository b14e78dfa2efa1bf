import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetDirectiveQuery, ListDirectivesQuery } from '#directives';
import { PathIdPipe } from '../../http/validators.js';

@ApiTags('directives')
@ApiBearerAuth()
@Controller('directives')
export class ReadDirectivesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every registered directive' })
  list() {
    return this.queries.execute(new ListDirectivesQuery());
  }

  @Get(':directiveId')
  @ApiOperation({ summary: 'A directive’s header and its items with their current status and progress' })
  get(@Param('directiveId', new PathIdPipe('directiveId')) directiveId: string) {
    return this.queries.execute(new GetDirectiveQuery(directiveId));
  }
}
