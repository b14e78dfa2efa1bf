import { Pool } from 'undici';

/** One client of a closed-loop load: sends its next request as soon as the previous one is answered. */
export type ClientRequest = (client: number, sequence: number) => { path: string; token: string; body: unknown };

export interface LoadResult {
  readonly completed: number;
  readonly byStatus: Record<number, number>;
  readonly latenciesMs: number[];
  readonly seconds: number;
  /** Ids of every report accepted (201), warm-up and tail included: the no-lost-write check uses them. */
  readonly ids: string[];
}

/** An HTTP client with one keep-alive connection per simulated client (undici: Node's fetch costs ~10× more CPU per request). */
export function connect(baseUrl: string, connections: number): Pool {
  return new Pool(baseUrl, { connections, pipelining: 1 });
}

export async function post(pool: Pool, path: string, token: string, body: unknown): Promise<{ status: number; text: string }> {
  const res = await pool.request({
    path,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, text: await res.body.text() };
}

/**
 * Runs `clients` concurrent closed-loop clients for `seconds` after a warm-up, and records
 * the latency of every request completed in the measured window.
 */
export async function runLoad(pool: Pool, clients: number, seconds: number, warmupSeconds: number, next: ClientRequest, onTick?: (done: number) => void): Promise<LoadResult> {
  const result = { completed: 0, byStatus: {} as Record<number, number>, latenciesMs: [] as number[], ids: [] as string[] };
  const warmEnd = performance.now() + warmupSeconds * 1000;
  const end = warmEnd + seconds * 1000;
  const ticker = setInterval(() => onTick?.(result.completed), 250);
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let sequence = 0; performance.now() < end; sequence++) {
        const { path, token, body } = next(client, sequence);
        const started = performance.now();
        const res = await post(pool, path, token, body);
        const finished = performance.now();
        if (res.status === 201) result.ids.push((JSON.parse(res.text) as { id: string }).id);
        if (started < warmEnd || finished > end) continue;
        result.completed += 1;
        result.byStatus[res.status] = (result.byStatus[res.status] ?? 0) + 1;
        result.latenciesMs.push(finished - started);
      }
    }),
  );
  clearInterval(ticker);
  return { ...result, seconds };
}
