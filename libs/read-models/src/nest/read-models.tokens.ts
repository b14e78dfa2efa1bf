/** The projections the engine runs (see `models.ts`). */
export const PROJECTIONS_TOKEN = Symbol.for('directive-engine.Projections');
/** The BullMQ queue of the read models. */
export const READ_MODELS_QUEUE_TOKEN = Symbol.for('directive-engine.ReadModelsQueue');
