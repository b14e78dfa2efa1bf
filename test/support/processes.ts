import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json and dist/ live). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The path of a compiled program under dist/, failing with a clear message when the build is
 * missing (these tests run what `npm run build` produced, not the TypeScript sources).
 */
export function compiled(relative: string): string {
  const path = join(ROOT, 'dist', relative);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` before these tests`);
  return path;
}

/** A TCP port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

/** A fresh temporary folder, and a function that removes it. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Variables the engine reads: removed from the inherited environment so that each test states
 * the whole configuration of its child (Jest itself sets NODE_ENV=test, for instance).
 */
const ENGINE_VARIABLES = [
  'NODE_ENV',
  'EVENT_STORE',
  'EVENTSTORE_CONNECTION_STRING',
  'SQLITE_FILE',
  'SQLITE_SYNCHRONOUS',
  'HOST',
  'PORT',
  'WORKER_PORT',
  'HTTP_BODY_LIMIT_BYTES',
  'REDIS_URL',
  'JWT_SECRET',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'LOG_LEVEL',
  'REDIS_KEY_PREFIX',
  'CLOCK_START',
  'CLOCK_ANCHOR',
  'TIME_SCALE',
  'WORKER_QUEUES',
  'FOLLOW_UP_RECONCILE_MS',
  'FOLLOW_UP_LATE_AFTER_MS',
  'WEBHOOK_MAX_ATTEMPTS',
  'WEBHOOK_BACKOFF_MS',
  'WEBHOOK_TIMEOUT_MS',
];

export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ENGINE_VARIABLES) delete base[name];
  return { ...base, ...env };
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running compiled program whose output is collected; every wait has a deadline. */
export class ChildProgram {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private readonly listeners = new Set<() => void>();

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => ((this.stdout += chunk.toString()), this.notify()));
    child.stderr.on('data', (chunk: Buffer) => ((this.stderr += chunk.toString()), this.notify()));
    this.exited = new Promise((resolve) => {
      child.on('error', (error) => {
        this.stderr += `\n[spawn error] ${error.message}`;
        this.exit ??= { code: null, signal: null };
        this.notify();
        resolve(this.exit);
      });
      child.on('close', (code, signal) => {
        this.exit = { code, signal };
        this.notify();
        resolve(this.exit);
      });
    });
  }

  static start(script: string, options: { args?: string[]; env?: Record<string, string> } = {}): ChildProgram {
    const child = spawn(process.execPath, [script, ...(options.args ?? [])], {
      cwd: ROOT,
      env: childEnv(options.env ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    }) as unknown as ChildProcessWithoutNullStreams;
    const program = new ChildProgram(child);
    running.add(program);
    void program.exited.then(() => running.delete(program));
    return program;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** Output so far, for failure messages. */
  describe(): string {
    return `exit: ${JSON.stringify(this.exit ?? 'still running')}\n--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`;
  }

  /** Stdout lines that are JSON objects (structured log lines). */
  jsonLines(): Record<string, unknown>[] {
    return this.stdout.split('\n').flatMap((line) => {
      if (!line.trim().startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** Resolves with the first value `find` returns (checked on every output); rejects at the deadline or when the program exits first. */
  waitFor<T>(what: string, find: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = (error?: Error, value?: T) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error) reject(error);
        else resolve(value as T);
      };
      const check = () => {
        const found = find();
        if (found !== undefined) return finish(undefined, found);
        if (this.exit) finish(new Error(`the program exited before ${what}\n${this.describe()}`));
      };
      const timer = setTimeout(() => finish(new Error(`no ${what} within ${timeoutMs} ms\n${this.describe()}`)), timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** The exit of the program, or a rejection (after killing it) at the deadline. */
  async waitForExit(timeoutMs: number): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(new Error(`the program did not exit within ${timeoutMs} ms (killed)\n${this.describe()}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL, unless it already exited. */
  kill(): void {
    if (!this.exit) this.child.kill('SIGKILL');
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

const running = new Set<ChildProgram>();

/** Kills every program still running and waits (bounded) for them to go: call it in afterEach. */
export async function killAllPrograms(timeoutMs = 5000): Promise<void> {
  const left = [...running];
  for (const program of left) program.kill();
  await Promise.race([Promise.all(left.map((p) => p.exited)), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}

/** Runs a program to its end (killed at the deadline) and returns its exit and output. */
export async function runToExit(
  script: string,
  options: { args?: string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Exit & { stdout: string; stderr: string }> {
  const program = ChildProgram.start(script, options);
  const exit = await program.waitForExit(options.timeoutMs ?? 30_000);
  return { ...exit, stdout: program.stdout, stderr: program.stderr };
}

/** GET with a deadline, parsing JSON when the body is JSON. */
export async function getWithin(url: string, timeoutMs = 5000): Promise<{ status: number; headers: Headers; text: string; json: any }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
