import { dueAt, evolveItem, initialItemState, type ItemEvent, type ItemState } from '#directives';

/** When the benchmark items are issued and assigned. */
export const ISSUED_AT = '2021-04-14T03:00:00.000Z';
const DEADLINE = { date: '2021-06-30', dueAt: dueAt('2021-06-30') };

/** The id of benchmark item `n` (`bench-2021.<n>`). */
export const benchItemId = (n: number): string => `bench-2021.${n}`;

/** Item `n` issued and assigned to `units` lead units (`unit-1`…), folded by the real decider's evolve. */
export function itemWithUnits(n: number, units: number): ItemState {
  const itemId = benchItemId(n);
  const events: ItemEvent[] = [
    { type: 'ItemIssued', data: { itemId, directiveId: 'bench-2021', number: n, title: 'Cấp CCCD', text: '…', duties: [], targets: [], deadline: DEADLINE, focusAreas: [], issuedAt: ISSUED_AT } },
    ...Array.from({ length: units }, (_, u): ItemEvent => ({ type: 'UnitAssigned', data: { itemId, unitId: `unit-${u + 1}`, role: 'lead', deadline: DEADLINE, assignedAt: ISSUED_AT } })),
  ];
  return events.reduce(evolveItem, initialItemState());
}
