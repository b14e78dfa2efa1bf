import { Command } from 'commander';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_REMINDER_POLICY } from '#directives';
import { ManualClock } from '#platform';
import { FollowUpScheduler, planFollowUp } from '#reminders';
// The helper module alone: the '#testing' index also loads the test framework's assertions.
import { startPrivateRedis } from '../libs/testing/src/private-redis.js';
import { ISSUED_AT, itemWithUnits } from './support/assigned-item.js';
import { progress, round } from './support/stats.js';

const program = new Command('bench:reminders')
  .description('Schedule the reminders and overdue checks of many assignments through the follow-up scheduler, beside the raw addBulk rate of BullMQ on a private Redis in the same run; report Redis memory per pending job.')
  .option('--assignments <n>', 'assignments to schedule', Number, 100_000)
  .option('--units-per-item <n>', 'lead units assigned to each item', Number, 100)
  .option('--json', 'print the results as JSON');

interface Options {
  assignments: number;
  unitsPerItem: number;
  json?: boolean;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

program.action(async (opts: Options) => {
  const say = progress('bench:reminders');
  const server = await startPrivateRedis();
  const redis = server.client();
  try {
    const items = Math.ceil(opts.assignments / opts.unitsPerItem);
    const states = Array.from({ length: items }, (_, i) => itemWithUnits(i + 1, Math.min(opts.unitsPerItem, opts.assignments - i * opts.unitsPerItem)));
    const jobsPerItem = states.map((s) => planFollowUp(s, DEFAULT_REMINDER_POLICY).length);
    const jobs = jobsPerItem.reduce((a, b) => a + b, 0);
    say(`${opts.assignments} assignments on ${items} items: ${jobs} jobs to schedule`, true);

    const raw = await measure(redis, 'raw', jobs, say, async (queue) => {
      for (const count of jobsPerItem) await queue.addBulk(Array.from({ length: count }, () => ({ name: 'Job', data: {}, opts: { delay: 86_400_000 } })));
    });
    const scheduled = await measure(redis, 'follow-up', jobs, say, async (queue) => {
      const scheduler = new FollowUpScheduler(queue, new ManualClock(ISSUED_AT));
      for (const state of states) await scheduler.syncItem(state, DEFAULT_REMINDER_POLICY);
    });
    const results = {
      assignments: opts.assignments,
      jobs,
      rawAddBulk: raw,
      followUp: scheduled,
      ratioToRawAddBulk: round(scheduled.jobsPerSecond / raw.jobsPerSecond),
    };
    if (opts.json) console.log(JSON.stringify(results, null, 2));
    else print(results);
  } finally {
    await server.stop();
  }
});

async function measure(redis: Redis, name: string, jobs: number, say: (t: string, d?: boolean) => void, run: (queue: Queue) => Promise<void>): Promise<Measured> {
  await redis.flushall();
  const queue = new Queue(`bench-${name}`, { connection: redis });
  await queue.waitUntilReady();
  const before = await usedMemory(redis);
  const ticker = setInterval(() => void queue.getDelayedCount().then((n) => say(`${name}: ${n}/${jobs} jobs pending`)), 500);
  const started = performance.now();
  try {
    await run(queue);
  } finally {
    clearInterval(ticker);
  }
  const seconds = (performance.now() - started) / 1000;
  const pending = await queue.getDelayedCount();
  if (pending !== jobs) throw new Error(`${name}: ${pending} jobs pending, expected ${jobs}`);
  const bytesPerJob = Math.round((await usedMemory(redis)) - before) / jobs;
  say(`${name}: ${jobs} jobs in ${round(seconds)} s`, true);
  await queue.close();
  return { seconds: round(seconds), jobsPerSecond: Math.round(jobs / seconds), bytesPerPendingJob: Math.round(bytesPerJob) };
}

interface Measured {
  readonly seconds: number;
  readonly jobsPerSecond: number;
  readonly bytesPerPendingJob: number;
}

function print(r: { assignments: number; jobs: number; rawAddBulk: Measured; followUp: Measured; ratioToRawAddBulk: number }): void {
  const [raw, ours] = [r.rawAddBulk, r.followUp];
  console.log(`\n${r.assignments} assignments → ${r.jobs} pending jobs (deadline reminders D-7, D-3, D-1 and the overdue check)`);
  console.log(`  raw BullMQ addBulk     ${String(raw.jobsPerSecond).padStart(8)} jobs/s, ${raw.bytesPerPendingJob} bytes per pending job (${raw.seconds} s)`);
  console.log(`  follow-up scheduler    ${String(ours.jobsPerSecond).padStart(8)} jobs/s = ${r.ratioToRawAddBulk}x raw addBulk, ${ours.bytesPerPendingJob} bytes per pending job (${ours.seconds} s)`);
}

program.parseAsync().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
