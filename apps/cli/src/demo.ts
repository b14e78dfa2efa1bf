import { join, relative } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { itemIdOf } from '#directives';
import { TokenService } from '#identity';
import { ConfigError, loadConfig } from '#platform';
import { projectRoot, readJson } from './cli-support.js';
import type { CatalogueSeed, DirectiveSeed } from './seed-run.js';
import { CAMPAIGN_END, CAMPAIGN_START, DEADLINE_DATE, LATEST_STOP, restartInstant, shortestDuration, timeScaleFor, vnLabel } from './demo/campaign-calendar.js';
import type { CampaignAction, ScriptContext } from './demo/campaign-action.js';
import { CampaignDriver } from './demo/campaign-driver.js';
import { CampaignProgress } from './demo/campaign-progress.js';
import { CampaignWatch } from './demo/campaign-watch.js';
import { DemoApi, DemoRequestError, DemoTokens } from './demo/demo-api.js';
import { startAfterCampaign, startForSeeding, startOnCampaignClock, type EngineEnvironment, type RunningEngine } from './demo/demo-engine.js';
import { printAddresses, printCampaignSummary, printLateness } from './demo/demo-report.js';
import { seedDirective } from './demo/demo-seed.js';
import { demoFiles, freshFiles, freshRedisNamespace } from './demo/demo-setup.js';
import { apiUrl, DemoSetupError, requireFreePorts, workerUrl } from './demo/engine-processes.js';
import { itemOneScript } from './demo/item-one-script.js';
import { otherItemsScript } from './demo/other-items-script.js';

/**
 * `npm run demo`: plays directive 126-CV/TU's campaign (14-4 to 30-6-2021) on the real engine in
 * a couple of minutes, so the dashboards have a believable history to show: the API and the worker
 * run as child processes on a shared scaled clock, the units, the monitor and the secretariat act
 * through the HTTP API, and the worker sends reminders and raises escalations by itself.
 */
const DEFAULT_PREFIX = 'directive-engine-demo';

interface DemoOptions {
  port: number;
  duration: number;
  dataDir: string;
  exit?: boolean;
}

const program = new Command('demo')
  .description('Play directive 126-CV/TU (Kiên Giang, 2021) on the engine: start the API and the worker on a scaled clock, seed the directive, drive the campaign through the API, then keep the engine running at the campaign’s end with the dashboard address and tokens printed.')
  .option('--port <port>', 'port of the API (the worker takes port + 1)', integerIn(1, 65534, 'a port from 1 to 65534'), 3000)
  .option('--duration <seconds>', 'real seconds the campaign (2021-04-14 08:30 → end of 2021-06-30, +07) is played in', integerIn(shortestDuration(), 86_400, `seconds from ${shortestDuration()} to 86400`), 120)
  .option('--data-dir <dir>', 'folder of the demo’s event store (events.db) and logs, emptied at every run', './data/demo')
  .option('--exit', 'stop the engine and exit once the addresses and tokens are printed (for scripts)')
  .addHelpText(
    'after',
    `
The demo has its own store (<data-dir>/events.db, never ./data/events.db) and its own Redis namespace
(REDIS_KEY_PREFIX, default ${DEFAULT_PREFIX}), both emptied at start. Redis must answer at REDIS_URL
(default redis://127.0.0.1:6379). JWT_SECRET, if set, signs the tokens and is passed to the engine.
The API and worker logs go to <data-dir>/api.log and <data-dir>/worker.log.
Figures per district are illustrative: the directive sets only the province's target.`,
  );

program.action(async (opts: DemoOptions) => {
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort(signal));
  let engine: RunningEngine | undefined;
  const next = () => stop.signal.throwIfAborted(); // a signal during a phase takes effect at its end
  try {
    const setup = prepare(opts);
    engine = await startForSeeding(setup.engine);
    const apiBootMs = engine.bootMs;
    await seedDirective({ url: apiUrl(setup.engine.layout), auth: engine.config.auth, ...setup, duration: opts.duration });
    await engine.processes.stop();
    next();
    engine = await startOnCampaignClock(setup.engine, timeScaleFor(opts.duration), apiBootMs);
    const played = await playCampaign(setup, engine, opts, stop.signal);
    await engine.processes.stop();
    next();
    const restartAt = restartInstant(played.driver.lastSentAt);
    engine = await startAfterCampaign(setup.engine, restartAt);
    await played.watch.untilDeadlineMissed();
    await verifyChains(played.api);
    await printCampaignSummary(played.api, played.driver.facts(), setup.itemIds, played.seconds);
    printLateness(played.driver.lastSentAt, opts.duration);
    printAddresses({ ...addressesOf(setup), store: show(setup.engine.store), since: vnLabel(restartAt) }, played.api.tokens, !opts.exit);
    if (!opts.exit) await untilAborted(stop.signal);
    await stopEngine(engine, stop.signal);
  } catch (error) {
    await stopEngine(engine, stop.signal);
    if (!stop.signal.aborted) throw error;
    process.exitCode = 130;
  }
});

/** Walks the hash chains of the played campaign as the monitor, so the dashboard's audit badge shows today's outcome. */
async function verifyChains(api: DemoApi): Promise<void> {
  const verification = await api.get<{ ok: boolean; events: number }>('monitor', '/audit/verify');
  process.stdout.write(`History verified: ${verification.events} events, hash chains ${verification.ok ? 'intact' : 'BROKEN'}.\n`);
}

/** Stops the children (SIGTERM, then SIGKILL after a while), saying so when a signal asked for it. */
async function stopEngine(engine: RunningEngine | undefined, signal: AbortSignal): Promise<void> {
  if (signal.aborted) process.stderr.write(`\n${String(signal.reason)}: stopping the engine…\n`);
  await engine?.processes.stop();
  if (signal.aborted) process.stderr.write('The engine is stopped.\n');
}

/** The catalogue as the seed file holds it, with the names and group members the script uses. */
interface DemoCatalogue extends CatalogueSeed {
  units: { id: string; name: string }[];
  groups: { id: string; memberIds?: string[] }[];
}

interface Setup {
  readonly engine: EngineEnvironment;
  readonly catalogue: DemoCatalogue;
  readonly seed: DirectiveSeed;
  readonly itemIds: readonly string[];
}

/** Reads the seed data, checks the configuration and the ports, and says where everything goes. */
function prepare(opts: DemoOptions): Setup {
  const root = projectRoot();
  const files = demoFiles(opts.dataDir, root, process.env.SQLITE_FILE);
  const redisPrefix = process.env.REDIS_KEY_PREFIX || DEFAULT_PREFIX;
  const layout = { root, host: process.env.HOST || '127.0.0.1', apiPort: opts.port, workerPort: opts.port + 1, apiLog: files.apiLog, workerLog: files.workerLog };
  const redisUrl = loadConfig({ ...process.env, REDIS_KEY_PREFIX: redisPrefix }).redis.url;
  const reset = async () => {
    await freshRedisNamespace(redisUrl, redisPrefix);
    await requireFreePorts(layout);
    freshFiles(files);
  };
  const seed = readJson<DirectiveSeed>(join(root, 'apps/cli/seeds/126-cv-tu-2021.json'));
  const itemIds = seed.directive.items.map((item) => itemIdOf(seed.directive.id, item.number));
  const scale = timeScaleFor(opts.duration);
  process.stdout.write(
    `Playing directive ${seed.directive.number}: ${vnLabel(CAMPAIGN_START)} → end of ${DEADLINE_DATE} (+07) in ${opts.duration} s (engine clock ×${scale.toLocaleString('en')}).\n` +
      `Engine logs: ${show(files.apiLog)} and ${show(files.workerLog)}; store ${show(files.store)}; Redis namespace ${redisPrefix}.\n`,
  );
  return { engine: { layout, store: files.store, redisPrefix, reset }, catalogue: readJson(join(root, 'apps/cli/seeds/kien-giang-units.json')), seed, itemIds };
}

/** Plays the script from the campaign's first moment to the deadline, and on until the overdue check is recorded. */
async function playCampaign(setup: Setup, engine: RunningEngine, opts: DemoOptions, signal: AbortSignal) {
  const names = new Map(setup.catalogue.units.map((u) => [u.id, u.name]));
  const api = new DemoApi(apiUrl(setup.engine.layout), new DemoTokens(new TokenService(engine.config.auth), names));
  const watch = new CampaignWatch(api, setup.itemIds);
  const progress = new CampaignProgress(CAMPAIGN_START, CAMPAIGN_END);
  const driver = new CampaignDriver({ api, clock: engine.clock, scale: timeScaleFor(opts.duration), watch, progress, signal });
  const actions = script(setup);
  process.stdout.write(`Engine up on the campaign clock; the campaign starts at ${vnLabel(CAMPAIGN_START)} (+07).\n`);
  await driver.waitUntil(CAMPAIGN_START);
  const started = Date.now();
  watch.start();
  try {
    await driver.play(actions, CAMPAIGN_END);
    await driver.waitUntil(LATEST_STOP, () => watch.counts.deadlinesMissed > 0);
    progress.update(driver.facts(), true);
  } finally {
    await watch.stop();
    progress.done();
  }
  return { api, watch, driver, seconds: Math.round((Date.now() - started) / 1000) };
}

function script(setup: Setup): CampaignAction[] {
  const groups = new Map(setup.catalogue.groups.map((g) => [g.id, g.memberIds ?? []]));
  const ctx: ScriptContext = {
    directiveId: setup.seed.directive.id,
    itemId: (n) => itemIdOf(setup.seed.directive.id, n),
    unitName: (id) => setup.catalogue.units.find((u) => u.id === id)?.name ?? id,
    members: (id) => groups.get(id) ?? [],
  };
  return [...itemOneScript(ctx), ...otherItemsScript(ctx)];
}

const addressesOf = (setup: Setup) => ({
  api: apiUrl(setup.engine.layout),
  worker: workerUrl(setup.engine.layout),
  apiLog: show(setup.engine.layout.apiLog),
  workerLog: show(setup.engine.layout.workerLog),
  redisPrefix: setup.engine.redisPrefix,
});

/** A path as the person typed it would be: relative to where the demo runs, when inside it. */
const show = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));

const untilAborted = (signal: AbortSignal) => new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));

function integerIn(min: number, max: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected ${what}`);
    return n;
  };
}

program.parseAsync().then(
  () => process.exit(),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DemoSetupError || error instanceof DemoRequestError;
    console.error(`\ndemo failed: ${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
