import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '#directives';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { PathIdPipe } from '../../http/validators.js';
import { RemoveUnitWebhookCommand } from './remove-webhook.handler.js';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units/:unitId/webhook')
export class RemoveWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Delete()
  @HttpCode(204)
  @Roles('secretariat', 'admin', 'unit')
  @ApiOperation({ summary: 'Stop posting the unit’s notices; deliveries still queued are dropped when they come up' })
  @ApiNoContentResponse({ description: 'Removed' })
  async remove(@Param('unitId', new PathIdPipe('unitId')) unitId: string, @CommandCtx() ctx: CommandContext): Promise<void> {
    await this.commands.execute(new RemoveUnitWebhookCommand(unitId, ctx));
  }
}
