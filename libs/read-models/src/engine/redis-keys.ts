/**
 * Redis keys of a projection. The hash tag `{name}` keeps every key of one projection in one
 * cluster slot, so its Lua scripts stay atomic on a Redis cluster too.
 *
 * Every key starts with the deployment's prefix (`REDIS_KEY_PREFIX`), so several deployments or
 * test runs can share one Redis.
 *
 * - `rm:{name}:active`  the generation readers read (absent: never built, or Redis was emptied)
 * - `rm:{name}:seq`     generation counter
 * - `rm:{name}:g:<n>`   a generation: a hash holding its documents (field = document key,
 *                       value = JSON) and the meta fields below; a batch's documents and its
 *                       checkpoint change in one atomic write (a Lua script)
 * - `rm:{name}:g:<n>:b:<bucket>`  the documents of a bucket: a document key `<bucket>|<rest>`
 *                       lives here instead (field = the whole key), so that listing a bucket
 *                       (`series:<itemId>|`: one item's figures) reads that bucket only, not a
 *                       hash of every other document of the model
 * - `rm:{name}:g:<n>:buckets`  the buckets a generation has, to drop them with it
 * - `rm:{name}:lock`    the runner lock: one runner per projection, whatever the number of workers
 * - `rm:{name}:runs`    the last runs (for operators and for the test that no two runs overlap)
 */
/** The default namespace of the engine's Redis keys (`REDIS_KEY_PREFIX`). */
export const DEFAULT_KEY_PREFIX = 'directive-engine';

export const keysOf = (name: string, prefix = DEFAULT_KEY_PREFIX) => {
  const base = `${prefix}:rm:{${name}}`;
  return {
    active: `${base}:active`,
    seq: `${base}:seq`,
    generation: (n: string) => `${base}:g:${n}`,
    generationPrefix: `${base}:g:`,
    bucket: (n: string, bucket: string) => `${base}:g:${n}:b:${bucket}`,
    buckets: (n: string) => `${base}:g:${n}:buckets`,
    lock: `${base}:lock`,
    runs: `${base}:runs`,
  };
};

/**
 * Set by every trigger, cleared by the runner when it starts a round: a round that finds it set
 * again at its end (commits arrived while it ran) runs once more, and a catch-up that completes
 * with it set asks for another. Without it, a trigger absorbed by a job that is about to finish
 * would wait for the safety net.
 */
export const dirtyKey = (prefix = DEFAULT_KEY_PREFIX): string => `${prefix}:rm:dirty`;

/** Meta fields kept in a generation hash beside the documents (document keys never start with `__`). */
export const META = {
  checkpoint: '__checkpoint',
  version: '__version',
  lastRecordedAt: '__lastRecordedAt',
  applied: '__applied',
  builtAt: '__builtAt',
} as const;

/** Separates a document key's bucket from the rest (`series:<itemId>|<unitId>:<period>`): ids never contain it. */
export const BUCKET_SEPARATOR = '|';

/** The bucket a document key belongs to (what precedes `|`), or `undefined` for a key of the generation hash itself. */
export function bucketOf(key: string): string | undefined {
  const bar = key.indexOf(BUCKET_SEPARATOR);
  return bar < 0 ? undefined : key.slice(0, bar);
}

/** The generation a key under `generationPrefix` belongs to (`<n>` of `…:g:<n>`, `…:g:<n>:b:…`, `…:g:<n>:buckets`). */
export function generationOfKey(key: string, generationPrefix: string): string | undefined {
  if (!key.startsWith(generationPrefix)) return undefined;
  const rest = key.slice(generationPrefix.length);
  const colon = rest.indexOf(':');
  return colon < 0 ? rest : rest.slice(0, colon);
}
