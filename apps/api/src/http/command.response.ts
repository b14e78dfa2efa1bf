import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandOutcome } from '#directives';

export class RecordedFactResponse {
  @ApiProperty({ example: '0192f4c6-5b1e-7c3a-9d2e-1a2b3c4d5e6f' })
  eventId!: string;

  @ApiProperty({ example: 'ProgressReported' })
  type!: string;

  @ApiProperty({ example: 7 })
  revision!: number;
}

/** What every command answers: the facts it recorded. */
export class CommandResponse {
  @ApiProperty({ example: 'item-126-cv-tu-2021.1' })
  streamId!: string;

  @ApiProperty({ description: 'Revision of the last event the command recorded', example: 7 })
  revision!: number;

  @ApiProperty({ type: [RecordedFactResponse] })
  events!: RecordedFactResponse[];

  @ApiProperty({ description: 'True when answered from an earlier request with the same Idempotency-Key' })
  replayed!: boolean;

  @ApiPropertyOptional({ description: 'Id of what the command created (report, request, blocker, commendation)' })
  id?: string;
}

/** Shapes a command outcome for HTTP; a replay is marked with `Idempotent-Replayed: true`. */
export function commandResponse(reply: FastifyReply, outcome: CommandOutcome, id?: string): CommandResponse {
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  const { streamId, revision, events, replayed } = outcome;
  return id === undefined ? { streamId, revision, events: [...events], replayed } : { streamId, revision, events: [...events], replayed, id };
}
