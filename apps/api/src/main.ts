import 'reflect-metadata';
import { ConfigError, createLogger, loadConfig } from '#platform';
import { createApiApp } from './bootstrap.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, service: 'api' });
  if (config.auth.usingDevelopmentSecret) logger.warn('JWT_SECRET is not set: using the development secret (refused when NODE_ENV=production)');
  const app = await createApiApp({ config, logger });
  await app.listen(config.http.port, config.http.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.info({ url, docs: `${url}/docs`, eventStore: config.eventStore.kind }, `directive engine API listening on ${url} (OpenAPI at ${url}/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
