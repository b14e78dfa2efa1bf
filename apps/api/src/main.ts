import 'reflect-metadata';
import { ConfigError, createLogger, loadConfig } from '#platform';
import { createApiApp } from './bootstrap.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, service: 'api' });
  if (config.auth.usingDevelopmentSecret) logger.warn('JWT_SECRET is not set: using the development secret (refused when NODE_ENV=production)');
  const app = await createApiApp({ config, logger });
  stopOnSignals(app, logger);
  await app.listen(config.http.port, config.http.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.info({ url, docs: `${url}/docs`, eventStore: config.eventStore.kind }, `directive engine API listening on ${url} (OpenAPI at ${url}/docs)`);
}

/** Stops gracefully on SIGTERM/SIGINT: in-flight requests finish, queued appends are committed, then exit 0. */
function stopOnSignals(app: { close(): Promise<void> }, logger: { info(msg: string): void; error(obj: object, msg: string): void }): void {
  const stop = (signal: string) => {
    logger.info(`${signal} received: shutting down`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
