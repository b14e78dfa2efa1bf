import { itemIdOf } from '#directives';
import { Progress } from './cli-support.js';
import type { Requester } from './seed-requests.js';

/** The unit catalogue as `apps/cli/seeds/kien-giang-units.json` holds it. */
export interface CatalogueSeed {
  units: { id: string }[];
  groups: { id: string }[];
}

/** A directive with its assignments, as `apps/cli/seeds/126-cv-tu-2021.json` holds it. */
export interface DirectiveSeed {
  registeredAt: string;
  directive: { id: string; number: string; items: { number: number }[] };
  assignments: { item: number; assignees: object[] }[];
}

/** Who seeds: the secretariat (Văn phòng Tỉnh ủy), as it registers directives. */
export const SEEDER = { sub: 'seed:van-phong-tinh-uy', role: 'secretariat' as const, name: 'Văn phòng Tỉnh ủy' };

/**
 * Registers the catalogue, the directive and (with `assign`) its assignments through `send`, as
 * the secretariat. Shared by `npm run seed` and `npm run demo`, so both load 126-CV/TU through the
 * same requests; each carries an Idempotency-Key, and "already there" answers count as success.
 */
export async function runSeed(send: Requester, catalogue: CatalogueSeed, seed: DirectiveSeed, assign: boolean): Promise<string> {
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
