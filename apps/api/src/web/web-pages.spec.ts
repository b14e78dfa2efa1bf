import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const WEB = fileURLToPath(new URL('../../../web/', import.meta.url));
const source = (module: string) => readFileSync(join(WEB, 'src', module.replace(/\.js$/, '.ts')), 'utf8');

/** The modules a page's script loads, directly or not (type-only imports are erased by the compiler). */
function graphOf(entry: string, seen = new Set<string>()): Set<string> {
  for (const line of source(entry).split('\n')) {
    const match = /^import (?!type )(?:.* from )?'\.\/([a-z0-9.-]+\.js)';/.exec(line);
    if (match && !seen.has(match[1]!)) {
      seen.add(match[1]!);
      graphOf(match[1]!, seen);
    }
  }
  return seen;
}

const pages = readdirSync(join(WEB, 'static')).filter((name) => name.endsWith('.html'));

describe('The web pages as shipped', () => {
  it.each(pages)('%s preloads every module its script imports, so the browser fetches them at once, not level by level', (page) => {
    const html = readFileSync(join(WEB, 'static', page), 'utf8');
    const entry = /<script type="module" src="js\/([a-z0-9.-]+\.js)"><\/script>/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="js\/([a-z0-9.-]+\.js)">/g)].map((m) => m[1]!);
    expect(new Set(preloaded)).toEqual(graphOf(entry!));
  });

  it.each(pages)('%s names its language, its viewport and a title, and loads no script from elsewhere', (page) => {
    const html = readFileSync(join(WEB, 'static', page), 'utf8');
    expect(html).toMatch(/<html lang="vi">/);
    expect(html).toMatch(/<meta name="viewport"/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).not.toMatch(/<script(?![^>]*src="(js|vendor)\/)/);
  });
});
