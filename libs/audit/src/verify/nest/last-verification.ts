import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { ChainVerification } from '../chain-verification.js';
import { REDIS } from '#jobs';
import { APP_CONFIG, type AppConfig } from '#platform';

/** What the monitors' audit badge shows: the outcome of the last walk of the whole store. */
export interface LastVerification {
  readonly verifiedAt: string;
  readonly streams: number;
  readonly events: number;
  readonly ok: boolean;
  readonly brokenCount: number;
  /** The first broken links (at most 5), so the badge can say where without a second walk. */
  readonly broken: ChainVerification['broken'];
  /** How it was run: `GET /audit/verify` of the whole store, the verification of an anchor, the worker's daily walk, or `npm run audit -- verify`. */
  readonly via: 'verify' | 'anchor' | 'scheduled' | 'cli';
}

/**
 * Keeps the outcome of the last whole-store verification in Redis. It is a convenience for the
 * dashboard, not evidence: the evidence is the chain itself, walked again on demand. Lost with
 * Redis, and then reported as "never verified" until the next walk.
 */
@Injectable()
export class LastVerificationRecord {
  private readonly key: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = `${config.redis.keyPrefix}:audit:last-verification`;
  }

  async remember(verification: ChainVerification, via: LastVerification['via']): Promise<void> {
    const { verifiedAt, streams, events, ok, broken } = verification;
    const last: LastVerification = { verifiedAt, streams, events, ok, brokenCount: broken.length, broken: broken.slice(0, 5), via };
    await this.redis.set(this.key, JSON.stringify(last));
  }

  async read(): Promise<LastVerification | null> {
    const raw = await this.redis.get(this.key);
    return raw ? (JSON.parse(raw) as LastVerification) : null;
  }
}
