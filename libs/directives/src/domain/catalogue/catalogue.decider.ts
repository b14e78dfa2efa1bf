import type { Decider } from '../shared/decider.js';
import { requireRole } from '../shared/permissions.js';
import { decideRegisterWebhook, decideRemoveWebhook, type UnitWebhook } from './catalogue-webhooks.js';
import type { CatalogueCommand } from './catalogue.commands.js';
import {
  GroupAlreadyDefinedError,
  GroupNotFoundError,
  UnitAlreadyRegisteredError,
  UnitNotFoundError,
} from './catalogue.errors.js';
import type { CatalogueEvent, UnitGroupRecord, UnitRecord } from './catalogue.events.js';

export interface CatalogueState {
  readonly units: ReadonlyMap<string, UnitRecord>;
  readonly groups: ReadonlyMap<string, UnitGroupRecord>;
  /** By unit id. Holds the signing secrets: never hand this map to a view as it is. */
  readonly webhooks: ReadonlyMap<string, UnitWebhook>;
}

export const initialCatalogueState = (): CatalogueState => ({ units: new Map(), groups: new Map(), webhooks: new Map() });

const MANAGE = 'manage the unit catalogue';

export function decideCatalogue(command: CatalogueCommand, state: CatalogueState): CatalogueEvent[] {
  switch (command.type) {
    case 'RegisterUnit': {
      requireRole(command.actor, ['secretariat', 'admin'], MANAGE);
      const unit = command.data;
      if (state.units.has(unit.unitId)) throw new UnitAlreadyRegisteredError(unit.unitId);
      if (unit.parentId !== undefined && !state.units.has(unit.parentId)) throw new UnitNotFoundError(unit.parentId, 'parentId');
      return [{ type: 'UnitRegistered', data: { ...unit, registeredAt: command.now } }];
    }
    case 'DefineUnitGroup': {
      requireRole(command.actor, ['secretariat', 'admin'], MANAGE);
      const group = command.data;
      if (state.groups.has(group.groupId)) throw new GroupAlreadyDefinedError(group.groupId);
      group.memberIds.forEach((id, i) => {
        if (!state.units.has(id)) throw new UnitNotFoundError(id, `memberIds[${i}]`);
      });
      return [{ type: 'UnitGroupDefined', data: { ...group, memberIds: [...new Set(group.memberIds)], definedAt: command.now } }];
    }
    case 'RegisterUnitWebhook':
      return decideRegisterWebhook(command, state);
    case 'RemoveUnitWebhook':
      return decideRemoveWebhook(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled catalogue command ${(unhandled as { type: string }).type}`);
    }
  }
}

/**
 * Folds a catalogue event. The maps are copied on write: the catalogue holds hundreds of entries
 * and changes rarely, so purity costs nothing here.
 */
export function evolveCatalogue(state: CatalogueState, event: CatalogueEvent): CatalogueState {
  switch (event.type) {
    case 'UnitRegistered': {
      const { registeredAt: _at, ...unit } = event.data;
      return { ...state, units: new Map(state.units).set(unit.unitId, unit) };
    }
    case 'UnitGroupDefined': {
      const { definedAt: _at, ...group } = event.data;
      return { ...state, groups: new Map(state.groups).set(group.groupId, group) };
    }
    case 'UnitWebhookRegistered': {
      const { unitId, url, secret, registeredAt } = event.data;
      return { ...state, webhooks: new Map(state.webhooks).set(unitId, { url, secret, registeredAt }) };
    }
    case 'UnitWebhookRemoved': {
      const webhooks = new Map(state.webhooks);
      webhooks.delete(event.data.unitId);
      return { ...state, webhooks };
    }
    default:
      return state;
  }
}

/** Resolves a group to its member units; throws when the group is unknown. */
export function groupMembers(state: CatalogueState, groupId: string, field = 'groupId'): readonly string[] {
  const group = state.groups.get(groupId);
  if (!group) throw new GroupNotFoundError(groupId, field);
  return group.memberIds;
}

export const catalogueDecider: Decider<CatalogueState, CatalogueCommand, CatalogueEvent> = {
  decide: decideCatalogue,
  evolve: evolveCatalogue,
  initialState: initialCatalogueState,
};
