import 'reflect-metadata';
import { join } from 'node:path';
import { Command } from 'commander';
import { TokenService } from '#identity';
import { ConfigError, createLogger, loadConfig, ManualClock } from '#platform';
import { createApiApp } from '../../api/src/bootstrap.js';
import { projectRoot, readJson } from './cli-support.js';
import { fetchRequester, injectRequester } from './seed-requests.js';
import { runSeed, SEEDER, type CatalogueSeed, type DirectiveSeed } from './seed-run.js';

const program = new Command('seed')
  .description('Load the unit catalogue and directive 126-CV/TU (its five items, target and assignments) through the API, as the secretariat. Safe to run again: every request carries an Idempotency-Key.')
  .option('--catalogue <file>', 'unit catalogue', 'apps/cli/seeds/kien-giang-units.json')
  .option('--directive <file>', 'directive with its assignments', 'apps/cli/seeds/126-cv-tu-2021.json')
  .option('--url <baseUrl>', 'seed a running engine over HTTP instead of opening the configured store in-process')
  .option('--no-assign', 'register the directive without making its assignments')
  .addHelpText('after', '\nThe registration is recorded at the directive’s own date (2021-04-14, 09:00 +07), as the secretariat did it.\nConfiguration (SQLITE_FILE, EVENT_STORE, REDIS_URL, JWT_SECRET…) as for the API; see README.md.');

program.action(async (opts: { catalogue: string; directive: string; url?: string; assign: boolean }) => {
  const config = loadConfig();
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', service: 'seed' });
  const root = projectRoot();
  const catalogue = readJson<CatalogueSeed>(join(root, opts.catalogue));
  const seed = readJson<DirectiveSeed>(join(root, opts.directive));
  const token = new TokenService(config.auth).sign(SEEDER, 3600);
  const app = opts.url ? undefined : await createApiApp({ config, logger, clock: new ManualClock(seed.registeredAt) });
  const send = opts.url ? fetchRequester(opts.url, token) : injectRequester(app!, token);
  try {
    const summary = await runSeed(send, catalogue, seed, opts.assign);
    process.stdout.write(`${summary}\n`);
  } finally {
    await app?.close();
  }
});

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `seed failed: ${(error as Error).message}`);
  process.exit(1);
});
