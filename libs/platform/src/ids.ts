import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const POOL_IDS = 256;
const pool = new Uint8Array(16 * POOL_IDS);
let next = POOL_IDS;

function pooledRandom(): Uint8Array {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const start = 16 * next++;
  return pool.subarray(start, start + 16);
}

/**
 * A time-ordered UUID (v7). Ids made in the same millisecond share their leading bits, so a
 * store indexing them writes to few index pages. Randomness comes from a pool refilled once per
 * 256 ids: asking the kernel for 16 bytes per id cost more than everything else in making one.
 */
export function newId(): string {
  return uuidv7({ rng: pooledRandom });
}
