import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { projectRootOf } from '#platform';

/** Where the pages live under the API: `/app/` (sign-in), `/app/monitor.html`, `/app/unit.html`, `/app/secretariat.html`. */
export const WEB_PREFIX = '/app/';

/**
 * Content-Security-Policy of the pages: scripts, styles and data only from this origin. Inline
 * styles are allowed because the chart library sizes its canvas with them.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the web pages as static files beside the API (same origin, so the pages call the API
 * with the bearer token the user signed in with and no CORS is needed): the HTML and CSS from
 * `apps/web/static`, the compiled page scripts from `dist/apps/web/js`, and the chart library
 * from its npm package. Static files need no token; every datum they show comes from the API,
 * which checks the token on each call. Must be registered before `app.init()`.
 */
export async function registerWebPages(app: NestFastifyApplication): Promise<void> {
  const root = projectRootOf(import.meta.url);
  const headers = (reply: FastifyReply, path: string) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=300');
  };
  await app.register(fastifyStatic, { root: join(root, 'apps/web/static'), prefix: WEB_PREFIX, setHeaders: headers, index: 'index.html' });
  await app.register(fastifyStatic, { root: join(root, 'dist/apps/web/js'), prefix: `${WEB_PREFIX}js/`, decorateReply: false, setHeaders: headers });
  await app.register(fastifyStatic, {
    root: join(root, 'node_modules/chart.js/dist'),
    prefix: `${WEB_PREFIX}vendor/`,
    decorateReply: false,
    setHeaders: headers,
    allowedPath: (path) => path === '/chart.umd.min.js',
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_req, reply) => reply.redirect(WEB_PREFIX, 302));
  fastify.get('/app', (_req, reply) => reply.redirect(WEB_PREFIX, 301));
  // Browsers ask for it whatever the pages say; answer "nothing" rather than a 404 in every console.
  fastify.get('/favicon.ico', (_req, reply) => reply.code(204).send());
}
