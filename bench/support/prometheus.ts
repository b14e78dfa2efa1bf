/**
 * A quantile of a Prometheus histogram over an interval (two scrapes), interpolated linearly
 * within the bucket that holds it, as `histogram_quantile` does.
 */
export function histogramQuantile(before: string, after: string, name: string, labels: Record<string, string>, q: number): number {
  const a = buckets(before, name, labels);
  const b = buckets(after, name, labels);
  const rows = [...b.entries()].map(([le, count]) => ({ le, count: count - (a.get(le) ?? 0) })).sort((x, y) => x.le - y.le);
  const total = rows.at(-1)?.count ?? 0;
  if (total === 0) return 0;
  const rank = q * total;
  let previous = { le: 0, count: 0 };
  for (const row of rows) {
    if (row.count >= rank) {
      if (!Number.isFinite(row.le)) return previous.le;
      return previous.le + ((row.le - previous.le) * (rank - previous.count)) / Math.max(1, row.count - previous.count);
    }
    previous = row;
  }
  return previous.le;
}

function buckets(text: string, name: string, labels: Record<string, string>): Map<number, number> {
  const found = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}_bucket{`)) continue;
    const match = /\{(.*)\} (\S+)$/.exec(line);
    if (!match) continue;
    const pairs = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    if (!Object.entries(labels).every(([k, v]) => pairs[k] === v)) continue;
    found.set(pairs.le === '+Inf' ? Infinity : Number(pairs.le), Number(match[2]));
  }
  return found;
}
