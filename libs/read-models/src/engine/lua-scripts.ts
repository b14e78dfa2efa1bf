/**
 * Where a document key lives: `<bucket>|<rest>` in the bucket's hash (`<generation>:b:<bucket>`,
 * recorded in `<generation>:buckets` the first time a batch writes it), any other key in the
 * generation hash itself (see `redis-keys.ts`). Bucket hashes are named after their generation, so
 * they share its cluster slot (the `{name}` hash tag).
 */
const HOME = `
local function home(generation, field, created)
  local bar = string.find(field, '|', 1, true)
  if not bar then return generation end
  local bucket = generation .. ':b:' .. string.sub(field, 1, bar - 1)
  if created and not created[bucket] then
    created[bucket] = true
    redis.call('SADD', generation .. ':buckets', bucket)
  end
  return bucket
end
`;

/** The documents ARGV[first…] name, from the generation hash `generation` and its buckets (false for absent ones). */
const READ_DOCS = `${HOME}
local function read_docs(generation, first)
  local values = {}
  for n = first, #ARGV do values[n - first + 1] = redis.call('HGET', home(generation, ARGV[n], nil), ARGV[n]) end
  return values
end
`;

/**
 * Applies a batch to a generation if its checkpoint is still the one the batch was read after
 * (compare-and-set): a runner that lost its lock, or a second runner, can never apply a batch twice
 * or out of order. Documents and checkpoint change together or not at all. A write whose new
 * checkpoint is the expected one (part of a larger write, see the runner's `writeBuild`) only
 * writes documents: the checkpoint, last recordedAt and count stay as they are.
 *
 * KEYS[1] generation hash. ARGV: expected checkpoint, new checkpoint, last recordedAt, applied
 * count, the documents to set (key, JSON, key, JSON…, each followed by a line feed: neither keys nor
 * JSON text contain one), the keys to delete (each followed by a line feed). Two long strings
 * instead of an argument per field: a build writes tens of thousands of documents at once, and
 * the client encodes two strings much faster than an argument per key and per document.
 */
export const APPLY_BATCH = `${HOME}
local current = redis.call('HGET', KEYS[1], '__checkpoint') or ''
if current ~= ARGV[1] then return 0 end
local created = {}
local function run(command, lines, step, record)
  local chunks = {}
  local pos, length = 1, #lines
  while pos <= length do
    local stop = string.find(lines, '\\n', pos, true)
    local field = string.sub(lines, pos, stop - 1)
    local hash = home(KEYS[1], field, record)
    local chunk = chunks[hash]
    if not chunk then chunk = {}; chunks[hash] = chunk end
    chunk[#chunk + 1] = field
    pos = stop + 1
    if step == 2 then
      stop = string.find(lines, '\\n', pos, true)
      chunk[#chunk + 1] = string.sub(lines, pos, stop - 1)
      pos = stop + 1
    end
    if #chunk >= 1000 then redis.call(command, hash, unpack(chunk)); chunks[hash] = nil end
  end
  for hash, chunk in pairs(chunks) do redis.call(command, hash, unpack(chunk)) end
end
run('HSET', ARGV[5], 2, created)
run('HDEL', ARGV[6], 1, nil)
if ARGV[2] ~= ARGV[1] then
  redis.call('HSET', KEYS[1], '__checkpoint', ARGV[2], '__lastRecordedAt', ARGV[3])
  redis.call('HINCRBY', KEYS[1], '__applied', tonumber(ARGV[4]))
end
return 1
`;

/** Reads documents of the active generation in one round trip (false for absent ones); nil when no generation is active. */
export const READ_ACTIVE = `${READ_DOCS}
local generation = redis.call('GET', KEYS[1])
if not generation then return nil end
return read_docs(ARGV[1] .. generation, 2)
`;

/** Reads documents of a generation (false for absent ones). KEYS[1] generation hash; ARGV document keys. */
export const READ_GENERATION = `${READ_DOCS}
return read_docs(KEYS[1], 1)
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
