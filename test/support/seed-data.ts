import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestApi } from './test-app.js';

const seedFile = (name: string) => fileURLToPath(new URL(`../../apps/cli/seeds/${name}`, import.meta.url));

export const catalogueSeed = JSON.parse(readFileSync(seedFile('kien-giang-units.json'), 'utf8')) as {
  units: { id: string; kind: string; tags?: string[] }[];
  groups: { id: string; memberIds: string[] }[];
};

export const directiveSeed = JSON.parse(readFileSync(seedFile('126-cv-tu-2021.json'), 'utf8')) as {
  directive: { id: string; number: string; items: { number: number }[]; [key: string]: unknown };
  assignments: { item: number; assignees: object[] }[];
};

export const DISTRICTS = catalogueSeed.groups.find((g) => g.id === 'district-party-committees')!.memberIds;
export const DIRECTIVE_ID = directiveSeed.directive.id;
export const ITEM_1 = `${DIRECTIVE_ID}.1`;

/** Registers the Kiên Giang catalogue and directive 126-CV/TU over HTTP, as the secretariat. */
export async function registerCatalogueAndDirective(api: TestApi): Promise<void> {
  const token = api.token('secretariat');
  for (const unit of catalogueSeed.units) expect201(await api.request('POST', '/units', { token, body: unit }), `unit ${unit.id}`);
  for (const group of catalogueSeed.groups) expect201(await api.request('POST', '/unit-groups', { token, body: group }), `group ${group.id}`);
  expect201(await api.request('POST', '/directives', { token, body: directiveSeed.directive }), 'directive');
}

function expect201(res: { status: number; body: unknown }, what: string): void {
  if (res.status !== 201) throw new Error(`${what}: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
}
