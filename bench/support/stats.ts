/** Latency percentiles (ms) of recorded samples. */
export function percentiles(samples: readonly number[]): { p50: number; p90: number; p99: number; max: number } {
  if (samples.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1]!) };
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** A progress line on stderr that rewrites itself on a terminal and prints plainly in logs. */
export function progress(label: string): (text: string, done?: boolean) => void {
  const tty = Boolean(process.stderr.isTTY);
  return (text, done = false) => {
    if (tty) process.stderr.write(`\r\x1b[2K${label}: ${text}${done ? '\n' : ''}`);
    else if (done) process.stderr.write(`${label}: ${text}\n`);
  };
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
