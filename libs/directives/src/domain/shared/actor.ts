/** The roles that act on directives. `system` is the engine itself (jobs, repairs). */
export type Role = 'secretariat' | 'unit' | 'monitor' | 'admin' | 'system';

export const HUMAN_ROLES = ['secretariat', 'unit', 'monitor', 'admin'] as const;

/** Who issues a command. Comes from the authenticated identity, never from a request body. */
export interface Actor {
  readonly subject: string;
  readonly role: Role;
  /** The unit a `unit` actor speaks for. */
  readonly unitId?: string;
  readonly name?: string;
}

/** Fields every command carries beside its own data. */
export interface CommandMeta {
  readonly actor: Actor;
  /** The decision time: UTC ISO-8601 from the engine's clock. */
  readonly now: string;
}
