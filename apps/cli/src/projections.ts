import 'reflect-metadata';
import { Command } from 'commander';
import { connectRedis } from '#jobs';
import { ConfigError, createLogger, loadConfig } from '#platform';
import { ProjectionRunner, PROJECTIONS, readModelStatus, type Projection } from '#read-models';
import { createEventStore } from '#runtime';

/** Operates the read models directly on the configured store and Redis (no worker needed). */
const program = new Command('projections').description('Inspect, catch up or rebuild the read models (projections of the event log into Redis)');

program
  .command('status')
  .description('print each read model: generation, checkpoint, events and milliseconds behind')
  .action(() => run(async ({ store, redis, prefix }) => {
    for (const projection of PROJECTIONS) console.log(JSON.stringify(await readModelStatus(store, redis, projection, prefix)));
  }));

program
  .command('catch-up')
  .description('bring every read model up to the head of the log')
  .action(() => run(async ({ runner }) => {
    for (const outcome of await runner.catchUpAll(PROJECTIONS)) console.log(JSON.stringify(outcome));
  }));

program
  .command('rebuild')
  .description('rebuild read models from the start of the log (in one pass over it) into fresh generations, swapped in when done')
  .argument('[names...]', `read models to rebuild (${PROJECTIONS.map((p) => p.name).join(', ')})`)
  .option('--all', 'rebuild every read model')
  .action((names: string[], opts: { all?: boolean }) => run(async ({ runner }) => {
    const chosen = opts.all ? PROJECTIONS : names.map(find);
    if (chosen.length === 0) throw new Error('name a read model, or give --all');
    for (const outcome of await runner.rebuildAll(chosen)) console.log(JSON.stringify(outcome));
  }));

function find(name: string): Projection {
  const projection = PROJECTIONS.find((p) => p.name === name);
  if (!projection) throw new Error(`no read model is called ${name}; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  return projection;
}

type Context = { store: Awaited<ReturnType<typeof createEventStore>>; redis: Awaited<ReturnType<typeof connectRedis>>; runner: ProjectionRunner; prefix: string };

async function run(work: (context: Context) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', service: 'projections' });
  const store = await createEventStore(config, logger);
  const redis = await connectRedis(config.redis.url, logger, 'directive-engine-cli');
  const started = Date.now();
  let printed = 0;
  const progress = (name: string, applied: number) => {
    if (Date.now() - printed < 1000) return;
    printed = Date.now();
    process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[2K' : ''}${name}: ${applied} events applied (${Math.round((Date.now() - started) / 100) / 10} s)${process.stderr.isTTY ? '' : '\n'}`);
  };
  const prefix = config.redis.keyPrefix;
  const runner = new ProjectionRunner(store, redis, { keyPrefix: prefix, buildCacheDocs: config.readModels.buildCacheDocs, observer: { progress } });
  try {
    await work({ store, redis, runner, prefix });
    if (process.stderr.isTTY) process.stderr.write('\n');
  } finally {
    await redis.quit();
    await store.close();
  }
}

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `projections: ${(error as Error).message}`);
  process.exit(1);
});
