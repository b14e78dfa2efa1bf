/**
 * The engine as the demo runs it: the compiled API and worker as child processes, exactly as an
 * operator starts them (`node dist/apps/…/main.js`), their output appended to log files so the
 * terminal stays readable. The demo only ever signals the processes it started, by their pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EngineLayout {
  /** The repository root (where dist/ is). */
  readonly root: string;
  readonly host: string;
  readonly apiPort: number;
  readonly workerPort: number;
  readonly apiLog: string;
  readonly workerLog: string;
}

interface Program {
  readonly name: 'API' | 'worker';
  readonly child: ChildProcess;
  readonly log: string;
  readonly exited: Promise<void>;
}

/** A setup problem the person running the demo can fix; the message says how. */
export class DemoSetupError extends Error {
  override name = 'DemoSetupError';
}

const urlHost = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);
export const apiUrl = (layout: EngineLayout) => `http://${urlHost(layout.host)}:${layout.apiPort}`;
export const workerUrl = (layout: EngineLayout) => `http://${urlHost(layout.host)}:${layout.workerPort}`;

/** Fails clearly when something already listens where the API or the worker would. */
export async function requireFreePorts(layout: EngineLayout): Promise<void> {
  for (const [what, port] of [['API', layout.apiPort], ['worker', layout.workerPort]] as const) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false));
      server.listen(port, layout.host, () => server.close(() => resolve(true)));
    });
    if (!free) throw new DemoSetupError(`port ${port} (for the ${what}) is in use on ${layout.host}: choose another with --port (the worker takes --port + 1)`);
  }
}

export class EngineProcesses {
  private constructor(
    private readonly layout: EngineLayout,
    private readonly programs: readonly Program[],
  ) {}

  /** Starts the API and (unless `apiOnly`) the worker with `env` (the whole environment of each child). */
  static start(layout: EngineLayout, env: NodeJS.ProcessEnv, apiOnly = false): EngineProcesses {
    const programs = [launch('API', join(layout.root, 'dist/apps/api/src/main.js'), layout, layout.apiLog, env)];
    if (!apiOnly) programs.push(launch('worker', join(layout.root, 'dist/apps/worker/src/main.js'), layout, layout.workerLog, env));
    return new EngineProcesses(layout, programs);
  }

  /** Resolves once each answers `/health` with status ok; rejects when one exits or at the deadline (epoch ms). */
  async waitHealthy(deadline: number): Promise<void> {
    const urls = this.programs.map((p) => `${p.name === 'API' ? apiUrl(this.layout) : workerUrl(this.layout)}/health`);
    while (!(await Promise.all(urls.map(healthy))).every(Boolean)) {
      const gone = this.programs.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
      if (gone) throw new DemoSetupError(`the ${gone.name} stopped while starting; the end of ${gone.log}:\n${tail(gone.log)}`);
      if (Date.now() > deadline) throw new EngineSlowError();
      await sleep(150);
    }
  }

  /** SIGTERM to both (they finish in-flight work and exit 0), SIGKILL to whichever is still there after `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    await Promise.all(this.programs.map((p) => stopProgram(p, timeoutMs)));
  }
}

/** The children did not answer in the time the scaled clock was anchored for. */
export class EngineSlowError extends Error {
  override name = 'EngineSlowError';
}

function launch(name: Program['name'], script: string, layout: EngineLayout, log: string, env: NodeJS.ProcessEnv): Program {
  if (!existsSync(script)) throw new DemoSetupError(`${script} is missing: run \`npm run build\` first (npm run demo does)`);
  const fd = openSync(log, 'a');
  try {
    // The young generation `npm start` gives the API: commands and read-model builds both run faster with it.
    const child = spawn(process.execPath, ['--max-semi-space-size=64', script], { cwd: layout.root, env, stdio: ['ignore', fd, fd] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()).once('error', () => resolve()));
    return { name, child, log, exited };
  } finally {
    closeSync(fd);
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok && ((await res.json()) as { status?: string }).status === 'ok';
  } catch {
    return false;
  }
}

async function stopProgram(program: Program, timeoutMs: number): Promise<void> {
  const { child } = program;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await program.exited;
  clearTimeout(timer);
}

/** The last lines of a log, to show why a child stopped. */
export function tail(file: string, lines = 12): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
