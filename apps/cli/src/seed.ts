import 'reflect-metadata';
import { join } from 'node:path';
import { Command } from 'commander';
import { itemIdOf } from '#directives';
import { TokenService } from '#identity';
import { ConfigError, createLogger, loadConfig, ManualClock } from '#platform';
import { createApiApp } from '../../api/src/bootstrap.js';
import { Progress, projectRoot, readJson } from './cli-support.js';
import { fetchRequester, injectRequester, type Requester } from './seed-requests.js';

interface CatalogueSeed {
  units: { id: string }[];
  groups: { id: string }[];
}

interface DirectiveSeed {
  registeredAt: string;
  directive: { id: string; number: string; items: { number: number }[] };
  assignments: { item: number; assignees: object[] }[];
}

const SEEDER = { sub: 'seed:van-phong-tinh-uy', role: 'secretariat' as const, name: 'Văn phòng Tỉnh ủy' };

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

async function runSeed(send: Requester, catalogue: CatalogueSeed, seed: DirectiveSeed, assign: boolean): Promise<string> {
  const steps = catalogue.units.length + catalogue.groups.length + 1 + (assign ? seed.assignments.length : 0);
  const progress = new Progress(steps, 'seed');
  const outcomes = { recorded: 0, alreadyThere: 0 };
  const post = async (path: string, body: unknown, key: string, alreadyCodes: string[], label: string) => {
    const res = await send('POST', path, body, key);
    if (res.status === 201) outcomes[res.body.replayed ? 'alreadyThere' : 'recorded'] += 1;
    else if (res.status === 409 && alreadyCodes.includes(res.body.code ?? '')) outcomes.alreadyThere += 1;
    else throw new Error(`${label}: ${res.status} ${res.body.code ?? ''} ${res.body.message ?? JSON.stringify(res.body)}`);
    progress.step(label);
  };
  for (const unit of catalogue.units) await post('/units', unit, `seed:unit:${unit.id}`, ['UNIT.ALREADY_REGISTERED'], `unit ${unit.id}`);
  for (const group of catalogue.groups) await post('/unit-groups', group, `seed:group:${group.id}`, ['GROUP.ALREADY_DEFINED'], `group ${group.id}`);
  const directive = seed.directive;
  await post('/directives', directive, `seed:directive:${directive.id}`, ['DIRECTIVE.ALREADY_REGISTERED'], `directive ${directive.number}`);
  if (assign) {
    for (const { item, assignees } of seed.assignments) {
      const itemId = itemIdOf(directive.id, item);
      await post(`/items/${itemId}/assignments`, { assignees }, `seed:assign:${itemId}`, ['ASSIGNMENT.ALREADY_ASSIGNED'], `assignments of item ${item}`);
    }
  }
  const items = directive.items.map((i) => itemIdOf(directive.id, i.number)).join(', ');
  return [
    `Seeded directive ${directive.number} as ${directive.id} (items ${items}): ${outcomes.recorded} requests recorded, ${outcomes.alreadyThere} already there.`,
    `Next: npm run token -- --role monitor   then   GET /directives/${directive.id}`,
  ].join('\n');
}

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `seed failed: ${(error as Error).message}`);
  process.exit(1);
});
