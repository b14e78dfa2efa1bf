import type { Actor } from '#directives';

export const ROLES = ['secretariat', 'unit', 'monitor', 'admin'] as const;
export type TokenRole = (typeof ROLES)[number];

/** The claims the engine reads from a bearer token. */
export interface TokenClaims {
  /** Stable subject of the person or system. */
  readonly sub: string;
  readonly role: TokenRole;
  /** Required for role `unit`: the unit the holder speaks for. */
  readonly unitId?: string;
  readonly name?: string;
}

/** The actor recorded on events: always from the verified token, never from a request body. */
export function actorOf(claims: TokenClaims): Actor {
  return {
    subject: claims.sub,
    role: claims.role,
    ...(claims.unitId ? { unitId: claims.unitId } : {}),
    ...(claims.name ? { name: claims.name } : {}),
  };
}
