import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Actor } from '#directives';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, type AppConfig } from '#platform';
import {
  keysOf,
  PROJECTIONS_TOKEN,
  READ_MODELS_QUEUE_TOKEN,
  readModelStatus,
  REBUILD_JOB,
  UnknownProjectionError,
  type Projection,
  type RebuildJobData,
} from '#read-models';
import { CurrentActor, Roles } from '../../http/auth.decorators.js';
import { PathIdPipe } from '../../http/validators.js';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/projections')
export class ProjectionsController {
  constructor(
    @Inject(PROJECTIONS_TOKEN) private readonly projections: readonly Projection[],
    @Inject(READ_MODELS_QUEUE_TOKEN) private readonly queue: Queue,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('admin', 'monitor', 'secretariat')
  @ApiOperation({ summary: 'Each read model: generation, checkpoint, events and milliseconds behind the log, last runs' })
  async list() {
    const projections = await Promise.all(
      this.projections.map(async (projection) => ({
        ...(await readModelStatus(this.store, this.redis, projection, this.config.redis.keyPrefix)),
        lastRuns: (await this.redis.lrange(keysOf(projection.name, this.config.redis.keyPrefix).runs, 0, 4)).map((run) => JSON.parse(run) as object),
      })),
    );
    return { projections };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Rebuild a read model from the start of the log; readers keep the current one until the new one is swapped in' })
  @ApiAcceptedResponse({ description: 'The rebuild is queued; follow it in GET /admin/projections' })
  async rebuild(@Param('name', new PathIdPipe('name')) name: string, @CurrentActor() actor: Actor) {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new UnknownProjectionError(name, this.projections.map((p) => p.name));
    const data: RebuildJobData = { projection: name, requestedBy: actor.subject };
    const job = await this.queue.add(REBUILD_JOB, data, { jobId: `rebuild-${name}-${Date.now()}`, removeOnComplete: 100, removeOnFail: 100 });
    return { projection: name, jobId: job.id, status: 'queued' };
  }
}
