/**
 * Polls until `check` passes, with a deadline (end-to-end tests never sleep a fixed time: read
 * models, reminders and deliveries happen asynchronously). Fails naming what was awaited and the
 * last value seen.
 */
export async function eventually<T>(what: string, probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${what}: not reached within ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 500)}`);
}
