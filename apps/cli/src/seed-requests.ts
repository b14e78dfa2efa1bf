import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface SeedResponse {
  readonly status: number;
  readonly body: { code?: string; message?: string; [key: string]: unknown };
}

/** Sends a request to the engine as the seeding secretariat: in-process or over HTTP. */
export type Requester = (method: 'POST' | 'GET', path: string, body: unknown, idempotencyKey?: string) => Promise<SeedResponse>;

const headers = (token: string, key?: string) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  ...(key ? { 'idempotency-key': key } : {}),
});

/** Requests through the real HTTP pipeline of an in-process app (guards, validation, controllers), without a port. */
export function injectRequester(app: NestFastifyApplication, token: string): Requester {
  return async (method, path, body, key) => {
    const res = await app.inject({ method, url: path, headers: headers(token, key), ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
    return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as SeedResponse['body']) : {} };
  };
}

/** Requests to a running engine. */
export function fetchRequester(baseUrl: string, token: string): Requester {
  return async (method, path, body, key) => {
    const res = await fetch(new URL(path, baseUrl), { method, headers: headers(token, key), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as SeedResponse['body']) : {} };
  };
}
