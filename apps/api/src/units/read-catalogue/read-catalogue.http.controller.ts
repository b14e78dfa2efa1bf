import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListUnitGroupsQuery, ListUnitsQuery } from '#directives';

@ApiTags('units')
@ApiBearerAuth()
@Controller()
export class ReadCatalogueController {
  constructor(private readonly queries: QueryBus) {}

  @Get('units')
  @ApiOperation({ summary: 'The unit catalogue' })
  units() {
    return this.queries.execute(new ListUnitsQuery());
  }

  @Get('unit-groups')
  @ApiOperation({ summary: 'The unit groups and their members' })
  groups() {
    return this.queries.execute(new ListUnitGroupsQuery());
  }
}
