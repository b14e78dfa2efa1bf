import { expect } from '@jest/globals';
import type { ApiResponse, TestApi } from './test-app.js';

/** Where the store stands: how many events it holds and the position of the last one. */
export interface StoreMark {
  readonly count: number;
  readonly lastPosition: string | undefined;
}

export async function markStore(api: TestApi): Promise<StoreMark> {
  const events = await api.allEvents();
  return { count: events.length, lastPosition: events.at(-1)?.position };
}

/** What a refused request must answer. */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  /** The `field` the error names (domain rules that concern one request field), as the request names it. */
  readonly field?: string;
  /** Each `{field, rule}` that must appear in `errors`; the top message must name the field. */
  readonly errors?: readonly { readonly field: string; readonly rule: string }[];
  /** Words the message must contain (the offending field, the rule, the id). */
  readonly mentions?: readonly string[];
}

/** The keys an error body may carry. */
const ERROR_KEYS = ['statusCode', 'code', 'message', 'field', 'details', 'errors', 'correlationId'];

/**
 * Sends a request that must be refused and proves it: the status, the one error shape with its
 * exact code, the field(s) and rule(s) named, and that NOTHING was appended to the store (the
 * whole store is read before and after: same number of events, same last position).
 */
export async function expectRefused(api: TestApi, send: () => Promise<ApiResponse>, expected: Refusal): Promise<ApiResponse> {
  const before = await markStore(api);
  const res = await send();
  const after = await markStore(api);
  // Checked first: that nothing was written matters most, even when the answer is also wrong.
  expect(after).toEqual(before);
  expectErrorShape(res, expected);
  return res;
}

export function expectErrorShape(res: ApiResponse, expected: Refusal): void {
  const body = res.body as Record<string, unknown>;
  expect({ status: res.status, code: body?.code }).toEqual({ status: expected.status, code: expected.code });
  expect(body).toMatchObject({ statusCode: expected.status, message: expect.any(String), correlationId: expect.any(String) });
  expect((body.message as string).length).toBeGreaterThan(0);
  expect(Object.keys(body).filter((k) => !ERROR_KEYS.includes(k))).toEqual([]);
  expect(body.correlationId).toBe(res.headers.get('x-correlation-id'));
  if (expected.status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer');
  if (expected.field !== undefined) expect(body.field).toBe(expected.field);
  for (const word of expected.mentions ?? []) expect(body.message).toContain(word);
  if (body.errors !== undefined) {
    expect(Array.isArray(body.errors)).toBe(true);
    for (const e of body.errors as unknown[]) expect(e).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
  }
  for (const { field, rule } of expected.errors ?? []) {
    const errors = (body.errors ?? []) as { field: string; rule: string; message: string }[];
    expect(errors).toContainEqual({ field, rule, message: expect.any(String) });
    expect(body.message).toContain(field);
  }
}

/** The `field/rule` pairs of an error body, sorted, for exact comparison. */
export function fieldRules(res: ApiResponse): string[] {
  return ((res.body?.errors ?? []) as { field: string; rule: string }[]).map((e) => `${e.field}/${e.rule}`).sort();
}
