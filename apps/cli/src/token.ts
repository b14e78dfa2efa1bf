import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES, TokenService, type TokenRole } from '#identity';
import { ConfigError, loadConfig } from '#platform';

/**
 * Mints a bearer token for local use, signed with the configured secret (JWT_SECRET, or the
 * development secret). Example: npm run token -- --role unit --unit rach-gia
 */
const program = new Command('token')
  .description('Mint a bearer token for the directive engine API (signed with JWT_SECRET or the development secret)')
  .addOption(new Option('-r, --role <role>', 'who the holder is').choices([...ROLES]).makeOptionMandatory())
  .option('-u, --unit <unitId>', 'the unit a unit token speaks for (required with --role unit)')
  .option('-s, --sub <subject>', 'subject recorded on every event the holder causes (default: <role>:<unit or "local">)')
  .option('-n, --name <name>', 'display name recorded on events')
  .option('-t, --ttl <duration>', 'lifetime: seconds, or a number followed by m, h or d', parseDuration, 8 * 3600)
  .option('--json', 'print the token with its claims and expiry as JSON')
  .addHelpText('after', '\nExamples:\n  npm run token -- --role secretariat\n  npm run token -- --role unit --unit rach-gia --name "Thành ủy Rạch Giá"\n  npm run token -- --role monitor --ttl 30d --json');

program.action((opts: { role: TokenRole; unit?: string; sub?: string; name?: string; ttl: number; json?: boolean }) => {
  if (opts.role === 'unit' && !opts.unit) program.error('error: --unit <unitId> is required with --role unit');
  const config = loadConfig();
  const claims = {
    sub: opts.sub ?? `${opts.role}:${opts.unit ?? 'local'}`,
    role: opts.role,
    ...(opts.unit ? { unitId: opts.unit } : {}),
    ...(opts.name ? { name: opts.name } : {}),
  };
  const token = new TokenService(config.auth).sign(claims, opts.ttl);
  if (!opts.json) return void process.stdout.write(`${token}\n`);
  const expiresAt = new Date(Date.now() + opts.ttl * 1000).toISOString();
  process.stdout.write(`${JSON.stringify({ token, claims, expiresAt }, null, 2)}\n`);
});

function parseDuration(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value);
  if (!match) throw new InvalidArgumentError('use seconds, or a number followed by m, h or d (e.g. 8h)');
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * factor;
}

try {
  program.parse();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
