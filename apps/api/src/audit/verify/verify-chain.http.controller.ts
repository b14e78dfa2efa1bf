import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChainBrokenError, ChainVerifier, LastVerificationRecord } from '#audit';
import type { CommandContext } from '#directives';
import type { EventActor } from '#event-store';
import { CommandCtx, Roles } from '../../http/auth.decorators.js';
import { ChainVerificationView, VerifyChainQuery } from './verify-chain.request.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class VerifyChainController {
  constructor(
    private readonly verifier: ChainVerifier,
    private readonly last: LastVerificationRecord,
  ) {}

  @Get('verify')
  @Roles('monitor', 'secretariat', 'admin')
  @ApiOperation({
    summary: 'Recompute the hash chain of every stream (or of one) and report the first broken link of each: edited, missing, reordered, truncated (below the newest anchor), unchained',
    description: 'A walk of the whole store reads every event once; on a large store prefer `npm run audit -- verify`.',
  })
  @ApiOkResponse({ type: ChainVerificationView, description: 'Answered 200 whether or not the store verifies: read `ok` and `broken`' })
  async verify(@Query() query: VerifyChainQuery): Promise<ChainVerificationView> {
    if (query.stream !== undefined) return this.verifier.verify({ stream: query.stream });
    const verification = await this.verifier.verify({});
    await this.last.remember(verification, 'verify');
    return verification;
  }

  @Get('verify/last')
  @Roles('monitor', 'secretariat', 'admin')
  @ApiOperation({ summary: 'The outcome of the last verification of the whole store (GET /audit/verify, POST /audit/anchors or the worker’s daily walk at 02:00 +07), or null when none is on record; the dashboard’s audit badge' })
  @ApiOkResponse({ description: '{last: {verifiedAt, streams, events, ok, brokenCount, broken (first 5), via} | null}' })
  async lastVerification() {
    return { last: await this.last.read() };
  }

  @Post('anchors')
  @HttpCode(201)
  @Roles('admin', 'monitor')
  @ApiOperation({ summary: 'Verify the whole store and record the heads it verified as a ChainAnchored event in audit-anchors, so that a later cut below them shows as truncated' })
  @ApiCreatedResponse({ description: '{anchor: {streamId, revision, eventId, hash, streams, verifiedAt}, verification}' })
  @ApiConflictResponse({ description: 'AUDIT.CHAIN_BROKEN (the store does not verify; details.broken says where) or STORE.CONCURRENCY_CONFLICT (another anchor was recorded meanwhile); nothing recorded' })
  async anchor(@CommandCtx() ctx: CommandContext) {
    const { subject, role, unitId, name } = ctx.actor;
    const actor: EventActor = { subject, role, ...(unitId ? { unitId } : {}), ...(name ? { name } : {}) };
    try {
      const anchored = await this.verifier.anchor({ actor, correlationId: ctx.correlationId });
      await this.last.remember(anchored.verification, 'anchor');
      return anchored;
    } catch (error) {
      if (error instanceof ChainBrokenError) await this.last.remember(error.verification, 'anchor');
      throw error;
    }
  }
}
