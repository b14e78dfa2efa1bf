import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, createLogger, loadConfig, NestPinoLogger } from '#platform';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, service: 'worker' });
  const app = await NestFactory.create<NestFastifyApplication>(WorkerModule.forRoot({ config, logger }), new FastifyAdapter({ logger: false }), {
    logger: new NestPinoLogger(logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info(`${signal} received: shutting down`);
      void app.close().then(() => process.exit(0));
    });
  }
  await app.listen(config.workerPort, config.http.host);
  logger.info({ health: `${await app.getUrl()}/health` }, 'directive engine worker ready');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || (error instanceof Error && error.name === 'RedisUnavailableError') ? error.message : error);
  process.exit(1);
});
