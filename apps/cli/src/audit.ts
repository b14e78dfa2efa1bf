import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command } from 'commander';
import { Redis } from 'ioredis';
import { ChainBrokenError, ChainVerifier, LastVerificationRecord, type ChainVerification, type LastVerification } from '#audit';
import { DomainError } from '#directives';
import { clockFromConfig, ConfigError, createLogger, loadConfig, type AppConfig } from '#platform';
import { createEventStore } from '#runtime';

/**
 * Verifies the hash chains of the configured event store directly (no API needed), and records
 * anchors. Exit code 1 when something is broken, so it can run from cron or CI.
 */
const program = new Command('audit').description('Prove that the recorded history was not altered: verify hash chains, record anchors');

interface VerifyOptions {
  stream?: string;
  anchor?: boolean;
  json?: boolean;
}

program
  .command('verify')
  .description('recompute every stream\'s hash chain (or one stream\'s) and report the first broken link of each: edited, missing, reordered, truncated, unchained')
  .option('-s, --stream <streamId>', 'verify only this stream, e.g. item-126-cv-tu-2021.1')
  .option('--anchor', 'when the whole store verifies, record the heads it verified in audit-anchors (a later cut below them shows as truncated)')
  .option('--json', 'print the verification as JSON')
  .addHelpText('after', '\nExamples:\n  npm run audit -- verify\n  npm run audit -- verify --stream item-126-cv-tu-2021.1 --json\n  npm run audit -- verify --anchor')
  .action((opts: VerifyOptions) => verify(opts));

async function verify(opts: VerifyOptions): Promise<void> {
  if (opts.anchor && opts.stream) throw new Error('--anchor records the heads of the whole store: it cannot be combined with --stream');
  const config = loadConfig();
  if (config.eventStore.kind === 'sqlite' && !existsSync(config.eventStore.file)) throw new Error(`there is no event store at ${config.eventStore.file} (SQLITE_FILE)`);
  const store = await createEventStore(config, createLogger({ level: process.env.LOG_LEVEL ?? 'warn', service: 'audit' }));
  const verifier = new ChainVerifier(store, clockFromConfig(config.clock), { pageSize: 5_000, contiguousPositions: config.eventStore.kind === 'sqlite' });
  const progress = progressOnStderr();
  try {
    if (!opts.anchor) {
      const verification = await verifier.verify({ stream: opts.stream, progress });
      if (!opts.stream) await remember(config, verification, 'cli');
      return print(verification, opts);
    }
    const actor = { subject: `audit-cli:${userInfo().username}`, role: 'system' as const, name: 'npm run audit -- verify --anchor' };
    const { verification, anchor } = await verifier.anchor({ actor, correlationId: `audit-cli:${Date.now()}` }, { progress });
    await remember(config, verification, 'anchor');
    print(verification, opts, `anchored ${anchor.streams} stream heads in ${anchor.streamId} at revision ${anchor.revision} (hash ${anchor.hash})`);
  } catch (error) {
    if (!(error instanceof ChainBrokenError)) throw error;
    await remember(config, error.verification, 'anchor');
    print(error.verification, opts, 'no anchor recorded: the store does not verify');
  } finally {
    progress.done();
    await store.close();
  }
}

/**
 * Keeps the outcome of a whole-store walk for the dashboards' audit badge (`GET /audit/verify/last`),
 * when Redis answers; the verification itself needs no Redis, so a missing one is only noted.
 */
async function remember(config: AppConfig, verification: ChainVerification, via: LastVerification['via']): Promise<void> {
  const redis = new Redis(config.redis.url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await new LastVerificationRecord(redis, config).remember(verification, via);
  } catch (error) {
    process.stderr.write(`note: the outcome was not kept for the dashboards’ audit badge (Redis at ${config.redis.url.replace(/\/\/[^@/]*@/, '//***@')}: ${(error as Error).message})\n`);
  } finally {
    redis.disconnect();
  }
}

/** Prints the outcome (JSON or lines) and sets the exit code: 1 when something is broken. */
function print(verification: ChainVerification, opts: VerifyOptions, note?: string): void {
  if (!verification.ok) process.exitCode = 1;
  if (opts.json) return void process.stdout.write(`${JSON.stringify(note ? { ...verification, note } : verification, null, 2)}\n`);
  const anchored = verification.anchoredAt ? `, against the anchor verified at ${verification.anchoredAt}` : ', no anchor yet';
  const lines = [`${verification.ok ? 'intact' : 'BROKEN'}: ${verification.streams} streams, ${verification.events} events verified at ${verification.verifiedAt}${anchored}`];
  for (const b of verification.broken) lines.push(`  ${b.streamId}  revision ${b.revision}${b.position ? ` (position ${b.position})` : ''}  ${b.kind}: ${b.detail}`);
  if (note) lines.push(note);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Walk progress at most once a second on stderr: one rewritten line on a terminal, lines otherwise. */
function progressOnStderr(): ((walked: { events: number; streams: number }) => void) & { done(): void } {
  const started = Date.now();
  const tty = Boolean(process.stderr.isTTY);
  let printed = started;
  let shown = false;
  const progress = ({ events, streams }: { events: number; streams: number }) => {
    if (Date.now() - printed < 1000) return;
    printed = Date.now();
    shown = true;
    process.stderr.write(`${tty ? '\r\x1b[2K' : ''}verified ${events} events of ${streams} streams (${Math.round((printed - started) / 100) / 10} s)${tty ? '' : '\n'}`);
  };
  return Object.assign(progress, { done: () => void (tty && shown && process.stderr.write('\n')) });
}

program.parseAsync().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DomainError;
  console.error(known ? (error as Error).message : `audit: ${(error as Error).message}`);
  process.exit(1);
});
