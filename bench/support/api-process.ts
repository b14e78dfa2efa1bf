import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const API = fileURLToPath(new URL('../../apps/api/src/main.js', import.meta.url));
const WORKER = fileURLToPath(new URL('../../apps/worker/src/main.js', import.meta.url));

/**
 * An engine process of its own (its own core), so the load generator does not share its CPU. It
 * runs with the Node options `npm start` uses; `BENCH_API_NODE_ARGS` adds more (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/profiles`). `url` is where it listens (the worker: its health
 * and metrics address).
 */
export interface EngineProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** The API process. */
export type ApiProcess = EngineProcess;

export function startApiProcess(env: Record<string, string>): Promise<EngineProcess> {
  return startProcess(API, env, /"url":"(http:\/\/[^"]+)"/);
}

export function startWorkerProcess(env: Record<string, string>): Promise<EngineProcess> {
  return startProcess(WORKER, env, /"health":"(http:\/\/[^"]+)\/health"/);
}

async function startProcess(main: string, env: Record<string, string>, ready: RegExp): Promise<EngineProcess> {
  const nodeArgs = ['--max-semi-space-size=64', ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, main], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await readyUrl(child, ready);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

function readyUrl(child: ChildProcess, ready: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = ready.exec(buffered);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${child.spawnargs.at(-1)} exited with code ${code} before it was ready`)));
  });
}
