import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { itemIdOf, RegisterDirectiveCommand, type CommandContext, type DirectiveRecord, type DirectiveRegistration } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { directiveIdFrom } from './directive-id.js';
import { RegisterDirectiveRequest } from './register-directive.request.dto.js';

@ApiTags('directives')
@ApiBearerAuth()
@Controller('directives')
export class RegisterDirectiveController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('secretariat')
  @ApiOperation({ summary: 'Register a directive and issue its items (item ids are <directiveId>.<number>)' })
  @ApiCreatedResponse({ description: 'The registration and the issuing of each item' })
  async register(
    @Body() body: RegisterDirectiveRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result: DirectiveRegistration = await this.commands.execute(new RegisterDirectiveCommand(toRecord(body), ctx));
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return {
      directiveId: result.directiveId,
      revision: result.registration.revision,
      items: result.items.map(({ itemId, outcome }) => ({ itemId, revision: outcome.revision })),
      replayed: result.replayed,
    };
  }
}

function toRecord(body: RegisterDirectiveRequest): DirectiveRecord {
  const directiveId = body.id ?? directiveIdFrom(body.number, body.issuedOn);
  return {
    directiveId,
    header: {
      issuer: body.issuer,
      number: body.number,
      issuedOn: body.issuedOn,
      ...(body.place ? { place: body.place } : {}),
      subject: body.subject,
      signer: { name: body.signer.name, title: body.signer.title },
      addressees: body.addressees,
      legalBasis: body.legalBasis ?? [],
    },
    ...(body.monitoring ? { monitoring: { ...body.monitoring } } : {}),
    items: body.items.map((item) => ({
      itemId: itemIdOf(directiveId, item.number),
      number: item.number,
      title: item.title,
      text: item.text,
      duties: (item.duties ?? []).map(({ code, description }) => ({ code, description })),
      targets: (item.targets ?? []).map(({ metric, value, label }) => (label ? { metric, value, label } : { metric, value })),
      deadline: item.deadline,
      focusAreas: item.focusAreas ?? [],
    })),
  };
}
