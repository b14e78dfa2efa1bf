/** The signed-in token, kept for the browser tab only (sessionStorage), and what it says. */

export type Role = 'secretariat' | 'unit' | 'monitor' | 'admin';

export interface Session {
  readonly token: string;
  readonly role: Role;
  readonly subject: string;
  readonly unitId?: string;
  readonly name?: string;
  /** Expiry, epoch seconds. */
  readonly exp: number;
}

const KEY = 'directive-engine.token';

/** Decodes (never verifies: the API does) the claims of a JWT; undefined when it is not one. */
export function claimsOf(token: string): Omit<Session, 'token'> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { role?: Role; sub?: string; unitId?: string; name?: string; exp?: number };
    if (!claims.role || !claims.sub || typeof claims.exp !== 'number') return undefined;
    return { role: claims.role, subject: claims.sub, unitId: claims.unitId, name: claims.name, exp: claims.exp };
  } catch {
    return undefined;
  }
}

export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(KEY);
  const claims = token ? claimsOf(token) : undefined;
  if (!token || !claims || claims.exp * 1000 <= Date.now()) return undefined;
  return { token, ...claims };
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  location.assign('./');
}

/** The page each role lands on after signing in. */
export function homeOf(role: Role): string {
  if (role === 'unit') return 'unit.html';
  if (role === 'secretariat') return 'secretariat.html';
  return 'monitor.html';
}

/**
 * The session of a page, or a redirect to the sign-in page (which comes back here after).
 * Pages also check the role: the API refuses what the role may not see anyway.
 */
export function requireSession(): Session {
  const session = currentSession();
  if (!session) {
    location.replace(`./?next=${encodeURIComponent(location.pathname.split('/').pop() + location.search)}`);
    throw new Error('not signed in');
  }
  return session;
}
