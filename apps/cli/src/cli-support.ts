import { readFileSync } from 'node:fs';
import { projectRootOf } from '#platform';

/** The repository root: the nearest folder above this file that holds package.json. */
export const projectRoot = (): string => projectRootOf(import.meta.url);

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/**
 * A one-line progress bar on stderr when it is a terminal, one line per step otherwise
 * (CI logs), so long work always shows where it is.
 */
export class Progress {
  private done = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly total: number,
    private readonly label: string,
  ) {}

  step(what: string): void {
    this.done += 1;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${what}`;
    if (this.tty) process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns ?? 120) - 1)}`);
    else process.stderr.write(`${line}\n`);
    if (this.tty && this.done === this.total) process.stderr.write('\n');
  }
}
