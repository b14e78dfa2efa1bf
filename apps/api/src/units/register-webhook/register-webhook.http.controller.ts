import { Body, Controller, HttpCode, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '#directives';
import { WEBHOOK_SIGNATURE_SCHEME } from '#reminders';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { PathIdPipe } from '../../http/validators.js';
import { RegisterUnitWebhookCommand, type RegisteredWebhook } from './register-webhook.handler.js';
import { RegisterWebhookRequest } from './register-webhook.request.dto.js';

export class RegisteredWebhookResponse {
  @ApiProperty({ example: 'rach-gia' })
  unitId!: string;

  @ApiProperty({ example: 'https://hooks.rach-gia.example.vn/directives' })
  url!: string;

  @ApiProperty({ description: 'The signing secret (32 random bytes, base64url). Shown only in this answer: store it now', example: 'q3bD1x2y8ZkL0mN4pR7sT9uV5wX6yZ0aB1cD2eF3gH4' })
  secret!: string;

  @ApiProperty({
    description: 'How to check a delivery: X-Directive-Signature is sha256=<hex HMAC-SHA256 keyed with the secret> over "<X-Directive-Timestamp>.<raw body>"',
    example: WEBHOOK_SIGNATURE_SCHEME,
  })
  signature!: string;
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('units/:unitId/webhook')
export class RegisterWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(201)
  @Roles('secretariat', 'admin', 'unit')
  @ApiOperation({
    summary: 'Register (or replace) where the unit’s reminders and escalations are posted; a new secret is generated each time',
    description: 'A unit may register its own webhook only. Deliveries are retried with a doubling delay, then parked for an administrator.',
  })
  @ApiCreatedResponse({ type: RegisteredWebhookResponse })
  async register(
    @Param('unitId', new PathIdPipe('unitId')) unitId: string,
    @Body() body: RegisterWebhookRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegisteredWebhookResponse> {
    const registered: RegisteredWebhook = await this.commands.execute(new RegisterUnitWebhookCommand(unitId, body.url, ctx));
    if (registered.replayed) void reply.header('idempotent-replayed', 'true');
    return { unitId: registered.unitId, url: registered.url, secret: registered.secret, signature: WEBHOOK_SIGNATURE_SCHEME };
  }
}
