import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '#jobs';
import { APP_CONFIG, type AppConfig } from '#platform';
import { RedisReadModelStorage } from '../engine/redis-read-model-storage.js';
import { ReadModelNotReadyError } from './read-models.errors.js';

/** Reads documents of the read models' active generations, for the API. */
@Injectable()
export class ReadModelReader {
  private readonly prefix: string;

  constructor(@Inject(REDIS) private readonly redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = config.redis.keyPrefix;
  }

  /** One document, `undefined` when absent. */
  async get<T>(projection: string, key: string): Promise<T | undefined> {
    return (await this.getMany<T>(projection, [key])).get(key);
  }

  async getMany<T>(projection: string, keys: readonly string[]): Promise<Map<string, T | undefined>> {
    const docs = await new RedisReadModelStorage(this.redis, projection, this.prefix).read(keys);
    if (!docs) throw new ReadModelNotReadyError(projection);
    return docs as Map<string, T | undefined>;
  }

  /** Every document whose key starts with `prefix`. */
  async list<T>(projection: string, prefix: string): Promise<T[]> {
    const docs = await new RedisReadModelStorage(this.redis, projection, this.prefix).list(prefix);
    if (!docs) throw new ReadModelNotReadyError(projection);
    return docs as T[];
  }
}
