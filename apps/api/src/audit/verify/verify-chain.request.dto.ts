import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CHAIN_BREAK_KINDS } from '#audit';

/** `<category>-<id>`: the engine's stream names (`item-126-cv-tu-2021.1`, `catalogue-units`, `audit-anchors`). */
const STREAM_ID = /^[a-z][a-z0-9]*-[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;

export class VerifyChainQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(STREAM_ID, { message: '$property must be a stream name <category>-<id>, such as item-126-cv-tu-2021.1' })
  @ApiPropertyOptional({ description: 'Verify only this stream (read on its own); omitted: the whole store', example: 'item-126-cv-tu-2021.1' })
  stream?: string;
}

export class ChainBreakView {
  @ApiProperty({ example: 'item-126-cv-tu-2021.1', description: 'The stream, or $all for a gap in the global log' })
  streamId: string;

  @ApiProperty({ example: 6, description: 'The first revision that does not verify (-1 for a gap in the global log)' })
  revision: number;

  @ApiProperty({ enum: CHAIN_BREAK_KINDS })
  kind: string;

  @ApiProperty({ example: 'the hash of event … (ProgressReported) does not match its content, or revision 5 was rewritten with a recomputed hash' })
  detail: string;

  @ApiPropertyOptional({ description: 'For a gap in the global log: the first missing position' })
  position?: string;
}

export class ChainVerificationView {
  @ApiProperty({ example: '2021-07-01T02:00:00.000Z' })
  verifiedAt: string;

  @ApiProperty({ example: 31 })
  streams: number;

  @ApiProperty({ example: 1250 })
  events: number;

  @ApiProperty({ description: 'True exactly when nothing is broken' })
  ok: boolean;

  @ApiProperty({ type: [ChainBreakView], description: 'The first broken link of each stream that does not verify' })
  broken: ChainBreakView[];

  @ApiPropertyOptional({ description: 'When the newest anchor (against which truncation is checked) was verified' })
  anchoredAt?: string;
}
