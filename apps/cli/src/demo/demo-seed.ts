/**
 * The seed of the demo: the catalogue, 126-CV/TU and its assignments, registered by the same code
 * and the same requests as `npm run seed -- --url …`, as the secretariat, on the directive's morning.
 * How long it takes also tells whether the machine can follow the campaign's clock.
 */
import { TokenService, type TokenSettings } from '#identity';
import { fetchRequester } from '../seed-requests.js';
import { runSeed, SEEDER, type CatalogueSeed, type DirectiveSeed } from '../seed-run.js';
import { SEEDING_START, vnLabel } from './campaign-calendar.js';

/** Seed requests slower than this (real ms) mean a machine too busy to follow the campaign on time. */
const BUSY_REQUEST_MS = 60;

export interface SeedParts {
  readonly url: string;
  readonly auth: TokenSettings;
  readonly catalogue: CatalogueSeed;
  readonly seed: DirectiveSeed;
  /** The campaign's --duration, for the advice a busy machine gets. */
  readonly duration: number;
}

/** Seeds through the API at `url`; warns (stderr) when the requests were slow enough to make the campaign run late. */
export async function seedDirective(parts: SeedParts): Promise<void> {
  process.stdout.write(`Seeding at ${parts.url} as the secretariat, on ${vnLabel(SEEDING_START)} (+07) in real time.\n`);
  const token = new TokenService(parts.auth).sign(SEEDER, 3600);
  const started = Date.now();
  await runSeed(fetchRequester(parts.url, token), parts.catalogue, parts.seed, true);
  const requests = parts.catalogue.units.length + parts.catalogue.groups.length + 1 + parts.seed.assignments.length;
  const perRequestMs = (Date.now() - started) / requests;
  if (perRequestMs > BUSY_REQUEST_MS) {
    const suggested = Math.ceil((parts.duration * perRequestMs) / BUSY_REQUEST_MS / 60) * 60;
    process.stderr.write(
      `This machine is busy (${Math.round(perRequestMs)} ms a request while seeding): the campaign may run behind its clock. A longer --duration (e.g. --duration ${Math.max(suggested, parts.duration * 2)}) plays it more faithfully.\n`,
    );
  }
}
