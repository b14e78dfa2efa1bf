/**
 * Redis keys of a projection. The hash tag `{name}` keeps every key of one projection in one
 * cluster slot, so its Lua scripts stay atomic on a Redis cluster too.
 *
 * - `rm:{name}:active`  the generation readers read (absent: never built, or Redis was emptied)
 * - `rm:{name}:seq`     generation counter
 * - `rm:{name}:g:<n>`   a generation: one hash holding every document (field = document key,
 *                       value = JSON) and the meta fields below, so that a batch's documents and
 *                       its checkpoint change in one atomic write
 * - `rm:{name}:lock`    the runner lock: one runner per projection, whatever the number of workers
 * - `rm:{name}:runs`    the last runs (for operators and for the test that no two runs overlap)
 */
export const keysOf = (name: string) => {
  const base = `rm:{${name}}`;
  return {
    active: `${base}:active`,
    seq: `${base}:seq`,
    generation: (n: string) => `${base}:g:${n}`,
    generationPrefix: `${base}:g:`,
    lock: `${base}:lock`,
    runs: `${base}:runs`,
  };
};

/** Meta fields kept in a generation hash beside the documents (document keys never start with `__`). */
export const META = {
  checkpoint: '__checkpoint',
  version: '__version',
  lastRecordedAt: '__lastRecordedAt',
  applied: '__applied',
  builtAt: '__builtAt',
} as const;
