import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PathIdPipe } from '../http/validators.js';
import { asOfOf } from '../items/item-as-of/as-of.fields.js';
import { DirectiveAsOfService } from './directive-as-of.service.js';
import { DirectiveDiffQuery } from './directive-as-of.request.dto.js';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard/directives/:directiveId')
export class DirectiveDiffController {
  constructor(private readonly asOf: DirectiveAsOfService) {}

  @Get('diff')
  @ApiOperation({ summary: 'What changed in a directive between two instants (?from=&to=, &knowledge=): per item its status cell, at risk, progress per target, deadlines, escalations opened and resolved' })
  @ApiOkResponse({ description: 'Only items where something changed are listed, and only what changed in them' })
  diff(@Param('directiveId', new PathIdPipe('directiveId')) directiveId: string, @Query() query: DirectiveDiffQuery) {
    return this.asOf.diff(directiveId, asOfOf(query.from, query.knowledge), asOfOf(query.to, query.knowledge));
  }
}
