import { currentSession, signOut } from './session.js';

/** One problem with a field, as the API names it (`field`, `rule`, `message`). */
export interface FieldProblem {
  readonly field: string;
  readonly rule?: string;
  readonly message: string;
}

/** A refusal of the API, in its one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly FieldProblem[],
  ) {
    super(message);
  }
}

interface ErrorBody {
  code?: string;
  message?: string;
  field?: string;
  errors?: { field: string; rule?: string; message: string }[];
}

/**
 * Calls the API with the signed-in token. Writes carry a fresh Idempotency-Key, so a
 * double-click or a retried request is stored once. A 401 ends the session.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, token = currentSession()?.token): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['idempotency-key'] = crypto.randomUUID();
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (res.ok) return parsed as T;
  const err = (parsed ?? {}) as ErrorBody;
  const problems = err.errors ?? (err.field ? [{ field: err.field, message: err.message ?? '' }] : []);
  if (res.status === 401 && token === currentSession()?.token && path !== '/me') signOut();
  throw new ApiError(res.status, err.code ?? `HTTP.${res.status}`, err.message ?? res.statusText, problems);
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown) => api<T>('POST', path, body);
