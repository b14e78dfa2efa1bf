import type { Actor, Role } from './actor.js';
import { RoleNotAllowedError, UnitIdentityMissingError } from './domain-error.js';

/** Throws unless the actor holds one of the allowed roles. */
export function requireRole(actor: Actor, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(actor.role)) throw new RoleNotAllowedError(action, actor.role, allowed);
}

/** Throws unless the actor is a unit; returns the unit it speaks for. */
export function requireUnit(actor: Actor, action: string): string {
  requireRole(actor, ['unit'], action);
  if (!actor.unitId) throw new UnitIdentityMissingError();
  return actor.unitId;
}
