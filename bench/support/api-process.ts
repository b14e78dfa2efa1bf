import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../apps/api/src/main.js', import.meta.url));

/**
 * The API as its own process (its own core), so the load generator does not share its CPU.
 * It runs with the Node options `npm start` uses; `BENCH_API_NODE_ARGS` adds more (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/profiles`).
 */
export interface ApiProcess {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const nodeArgs = ['--max-semi-space-size=64', ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, MAIN], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await listeningUrl(child);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(buffered);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the API exited with code ${code} before listening`)));
  });
}
