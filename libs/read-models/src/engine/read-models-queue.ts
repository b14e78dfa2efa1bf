/**
 * The BullMQ queue that drives the projections. `CatchUp` brings every projection (or one) up to
 * the head of the log; its job id is fixed, so triggers sent while one waits are absorbed by it.
 * `Rebuild` builds one projection again from the start and swaps it in.
 */
export const READ_MODELS_QUEUE = 'read-models';
export const CATCH_UP_JOB = 'CatchUp';
export const REBUILD_JOB = 'Rebuild';
export const CATCH_UP_JOB_ID = 'catch-up';
/** The safety net: a catch-up at this interval even when no append triggered one. */
export const SAFETY_NET_SCHEDULER = 'read-models-safety-net';
export const SAFETY_NET_EVERY_MS = 5000;

export interface CatchUpJobData {
  readonly projection?: string;
}

export interface RebuildJobData {
  readonly projection: string;
  readonly requestedBy?: string;
}
