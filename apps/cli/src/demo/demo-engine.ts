/**
 * Starting the engine on a clock: a real-time clock on the directive's morning for the seed, then
 * the campaign's scaled clock, then, once the campaign is played, a real-time clock that starts
 * where the campaign ended. Each child gets the whole configuration (the caller's environment with
 * the demo's store, namespace, ports and clock), validated first with the engine's own `loadConfig`.
 */
import { clockFromConfig, loadConfig, type AppConfig, type Clock } from '#platform';
import { CAMPAIGN_START, SEEDING_START } from './campaign-calendar.js';
import { EngineProcesses, EngineSlowError, DemoSetupError, tail, type EngineLayout } from './engine-processes.js';

/** The least time the children get to start before the campaign clock reaches its first moment (real ms). */
const LEAST_ALLOWANCE_MS = 6000;
/** Attempts to start on the campaign clock, each with twice the time of the one before. */
const ATTEMPTS = 3;
/** How long the engine gets to answer /health on a real-time clock. */
const RESTART_TIMEOUT_MS = 60_000;

export interface RunningEngine {
  readonly processes: EngineProcesses;
  readonly config: AppConfig;
  /** The engine's clock, computed here from the same CLOCK_START, CLOCK_ANCHOR and TIME_SCALE. */
  readonly clock: Clock;
  /** Real milliseconds from spawning to a healthy engine. */
  readonly bootMs: number;
}

export interface EngineEnvironment {
  readonly layout: EngineLayout;
  readonly store: string;
  readonly redisPrefix: string;
  /** Empties the store and the namespace and checks the ports: before the first start only. */
  readonly reset: () => Promise<void>;
}

/** The environment of a child: the caller's, with what the demo decides put over it. */
export function childEnvironment(engine: EngineEnvironment, clock: { start: string; anchor: string; scale: number }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.WORKER_QUEUES; // the demo's worker runs everything: read models, follow-up, notifications
  return {
    ...env,
    EVENT_STORE: 'sqlite',
    SQLITE_FILE: engine.store,
    HOST: engine.layout.host,
    PORT: String(engine.layout.apiPort),
    WORKER_PORT: String(engine.layout.workerPort),
    REDIS_KEY_PREFIX: engine.redisPrefix,
    CLOCK_START: clock.start,
    CLOCK_ANCHOR: clock.anchor,
    TIME_SCALE: String(clock.scale),
  };
}

/**
 * Starts the API alone on a real-time clock at 2021-04-14 08:00 (+07), with the store and the
 * namespace emptied first: the secretariat registers the directive that morning, however long the
 * seed takes on a busy machine (on the campaign's clock a second is days).
 */
export async function startForSeeding(engine: EngineEnvironment): Promise<RunningEngine> {
  await engine.reset();
  const started = Date.now();
  const env = childEnvironment(engine, { start: SEEDING_START, anchor: new Date().toISOString(), scale: 1 });
  const config = loadConfig(env);
  const processes = EngineProcesses.start(engine.layout, env, true);
  await healthyOrStopped(processes, engine, Date.now() + RESTART_TIMEOUT_MS);
  return { processes, config, clock: clockFromConfig(config.clock), bootMs: Date.now() - started };
}

/**
 * Starts the API and the worker on the campaign clock: engine time CAMPAIGN_START at a real
 * instant a few seconds ahead (judged from how long the API alone took to start: `apiBootMs`), so
 * both are up before the campaign's first moment. Should they not be, they are stopped and started
 * again with more time (nothing is recorded meanwhile: before that moment nothing is due).
 */
export async function startOnCampaignClock(engine: EngineEnvironment, scale: number, apiBootMs: number): Promise<RunningEngine> {
  let allowance = Math.max(LEAST_ALLOWANCE_MS, Math.round(2.5 * apiBootMs) + 2000);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1, allowance *= 2) {
    const started = Date.now();
    const anchor = started + allowance;
    const env = childEnvironment(engine, { start: CAMPAIGN_START, anchor: new Date(anchor).toISOString(), scale });
    const config = loadConfig(env);
    const processes = EngineProcesses.start(engine.layout, env);
    try {
      await processes.waitHealthy(anchor - 250);
      return { processes, config, clock: clockFromConfig(config.clock), bootMs: Date.now() - started };
    } catch (error) {
      await processes.stop();
      if (!(error instanceof EngineSlowError)) throw error;
      process.stderr.write(`The engine took more than ${allowance / 1000} s to start; starting it again with more time.\n`);
    }
  }
  throw new DemoSetupError(`the engine did not start in ${allowance / 2000} s; see ${engine.layout.apiLog} and ${engine.layout.workerLog}`);
}

/** Starts the API and the worker again on a real-time clock beginning at `start` (normally 2021-07-01 10:00 +07). */
export async function startAfterCampaign(engine: EngineEnvironment, start: string): Promise<RunningEngine> {
  const started = Date.now();
  const env = childEnvironment(engine, { start, anchor: new Date().toISOString(), scale: 1 });
  const config = loadConfig(env);
  const processes = EngineProcesses.start(engine.layout, env);
  await healthyOrStopped(processes, engine, Date.now() + RESTART_TIMEOUT_MS);
  return { processes, config, clock: clockFromConfig(config.clock), bootMs: Date.now() - started };
}

async function healthyOrStopped(processes: EngineProcesses, engine: EngineEnvironment, deadline: number): Promise<void> {
  try {
    await processes.waitHealthy(deadline);
  } catch (error) {
    await processes.stop();
    if (!(error instanceof EngineSlowError)) throw error;
    throw new DemoSetupError(`the engine did not answer /health in ${RESTART_TIMEOUT_MS / 1000} s; the end of ${engine.layout.apiLog}:\n${tail(engine.layout.apiLog)}`);
  }
}
