import { Command } from 'commander';
import { evolveItem, type ItemEvent } from '#directives';
import { benchItemId, ISSUED_AT, itemWithUnits } from './support/assigned-item.js';
import { progress, round } from './support/stats.js';

const program = new Command('bench:evolve')
  .description("Fold progress reports into items of growing numbers of assigned units with the real evolve, beside the same number of reports on an item of the smallest size in the same run: what a command's state update costs as an item grows.")
  .option('--reports <n>', 'reports folded per item size', Number, 20_000)
  .option('--units <list>', 'item sizes (assigned units), comma-separated; the first is the baseline', '64,1000,10000')
  .option('--json', 'print the results as JSON');

interface Options {
  reports: number;
  units: string;
  json?: boolean;
}

/** Microseconds per report, folding `reports` reports spread over the item's units (best of three rounds). */
function perReport(units: number, reports: number): number {
  const start = itemWithUnits(1, units);
  const itemId = benchItemId(1);
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const events: ItemEvent[] = Array.from({ length: reports }, (_, i) => ({
      type: 'ProgressReported',
      data: { itemId, unitId: `unit-${(i % units) + 1}`, reportId: `r${round}-${i}`, asOf: '2021-05-01', metrics: { cards_issued: i }, narrative: '', reportedAt: ISSUED_AT },
    }));
    const started = performance.now();
    let state = start;
    for (const event of events) state = evolveItem(state, event);
    best = Math.min(best, ((performance.now() - started) * 1000) / reports);
  }
  return best;
}

async function main(opts: Options): Promise<void> {
  const sizes = opts.units.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) program.error('error: --units: positive whole numbers, comma-separated');
  const say = progress('bench:evolve');
  const results = sizes.map((units) => {
    say(`${units} units`);
    return { units, microsecondsPerReport: round(perReport(units, opts.reports), 2) };
  });
  say('done', true);
  const base = results[0]!.microsecondsPerReport;
  const rows = results.map((r) => ({ ...r, ratioToBaseline: round(r.microsecondsPerReport / base, 2) }));
  if (opts.json) {
    console.log(JSON.stringify({ reports: opts.reports, results: rows }, null, 2));
    return;
  }
  console.log(`\n${opts.reports} reports folded per item size; baseline: the item of ${sizes[0]} units, same run`);
  for (const r of rows) console.log(`  ${String(r.units).padStart(7)} units: ${r.microsecondsPerReport} µs per report = ${r.ratioToBaseline}x the baseline`);
}

program.action((opts: Options) => main(opts));
program.parseAsync().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
