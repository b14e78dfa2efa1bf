import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChainVerifier } from '#audit';
import type { CommandContext } from '#directives';
import type { EventActor } from '#event-store';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { ChainVerificationView, VerifyChainQuery } from './verify-chain.request.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class VerifyChainController {
  constructor(private readonly verifier: ChainVerifier) {}

  @Get('verify')
  @Roles('monitor', 'secretariat', 'admin')
  @ApiOperation({
    summary: 'Recompute the hash chain of every stream (or of one) and report the first broken link of each: edited, missing, reordered, truncated (below the newest anchor), unchained',
    description: 'A walk of the whole store reads every event once; on a large store prefer `npm run audit -- verify`.',
  })
  @ApiOkResponse({ type: ChainVerificationView, description: 'Answered 200 whether or not the store verifies: read `ok` and `broken`' })
  verify(@Query() query: VerifyChainQuery): Promise<ChainVerificationView> {
    return this.verifier.verify(query.stream === undefined ? {} : { stream: query.stream });
  }

  @Post('anchors')
  @HttpCode(201)
  @Roles('admin', 'monitor')
  @ApiOperation({ summary: 'Verify the whole store and record the heads it verified as a ChainAnchored event in audit-anchors, so that a later cut below them shows as truncated' })
  @ApiCreatedResponse({ description: '{anchor: {streamId, revision, eventId, hash, streams, verifiedAt}, verification}' })
  @ApiConflictResponse({ description: 'AUDIT.CHAIN_BROKEN (the store does not verify; details.broken says where) or STORE.CONCURRENCY_CONFLICT (another anchor was recorded meanwhile); nothing recorded' })
  anchor(@CommandCtx() ctx: CommandContext) {
    const { subject, role, unitId, name } = ctx.actor;
    const actor: EventActor = { subject, role, ...(unitId ? { unitId } : {}), ...(name ? { name } : {}) };
    return this.verifier.anchor({ actor, correlationId: ctx.correlationId });
  }
}
