import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#directives';
import { CurrentActor } from '../http/auth.decorators.js';

/** Who the bearer token speaks for: the web pages' sign-in checks a token with it. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The actor of the bearer token: subject, role, unit (for units) and name, as every command records it' })
  @ApiOkResponse({ description: '{subject, role, unitId?, name?}; 401 for a missing, expired or forged token' })
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}
