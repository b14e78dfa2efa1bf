/**
 * Applies a batch to a generation if its checkpoint is still the one the batch was read after
 * (compare-and-set): a runner that lost its lock, or a second runner, can never apply a batch twice
 * or out of order. Documents and checkpoint change together or not at all.
 *
 * KEYS[1] generation hash. ARGV: expected checkpoint, new checkpoint, last recordedAt, applied
 * count, number of documents to set, then field/value pairs, then fields to delete.
 */
export const APPLY_BATCH = `
local current = redis.call('HGET', KEYS[1], '__checkpoint') or ''
if current ~= ARGV[1] then return 0 end
local sets = tonumber(ARGV[5])
local first, last = 6, 5 + sets * 2
local chunk = {}
for n = first, last do
  chunk[#chunk + 1] = ARGV[n]
  if #chunk == 1000 then redis.call('HSET', KEYS[1], unpack(chunk)); chunk = {} end
end
if #chunk > 0 then redis.call('HSET', KEYS[1], unpack(chunk)) end
chunk = {}
for n = last + 1, #ARGV do
  chunk[#chunk + 1] = ARGV[n]
  if #chunk == 1000 then redis.call('HDEL', KEYS[1], unpack(chunk)); chunk = {} end
end
if #chunk > 0 then redis.call('HDEL', KEYS[1], unpack(chunk)) end
redis.call('HSET', KEYS[1], '__checkpoint', ARGV[2], '__lastRecordedAt', ARGV[3])
redis.call('HINCRBY', KEYS[1], '__applied', tonumber(ARGV[4]))
return 1
`;

/** Reads fields of the active generation in one round trip; nil when no generation is active. */
export const READ_ACTIVE = `
local generation = redis.call('GET', KEYS[1])
if not generation then return nil end
return redis.call('HMGET', ARGV[1] .. generation, unpack(ARGV, 2))
`;

/** Extends the lock only while it is still ours. */
export const RENEW_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** Releases the lock only while it is still ours. */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
