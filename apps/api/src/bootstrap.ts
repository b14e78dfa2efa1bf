import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DirectiveRepair } from '#directives';
import { NestPinoLogger, newId } from '#platform';
import { MetricsService, type RuntimeOptions } from '#runtime';
import { AppModule } from './app.module.js';
import { RequestValidationPipe } from './http/validation.js';
import { registerWebPages } from './web/web-pages.js';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Builds the API application (not yet listening): Fastify, validation, OpenAPI at `/docs` and
 * `/docs-json`, correlation ids, HTTP metrics; then completes any interrupted directive issuing.
 */
export async function createApiApp(options: RuntimeOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.http.bodyLimitBytes,
    routerOptions: { maxParamLength: 256 },
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION_ID.test(given) ? given : newId();
    },
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: new NestPinoLogger(options.logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  app.useGlobalPipes(new RequestValidationPipe());
  instrument(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Directive tracking engine')
      .setDescription('Directives, their items, assignments, progress, extensions, completion and history. Every route but health, metrics and docs needs a bearer token.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await registerWebPages(app);
  await app.init();
  await repairInterruptedDirectives(app, options);
  return app;
}

function instrument(app: NestFastifyApplication): void {
  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-correlation-id', req.id);
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.observeHttp(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}

async function repairInterruptedDirectives(app: NestFastifyApplication, options: RuntimeOptions): Promise<void> {
  const repaired = await app.get(DirectiveRepair).run();
  if (repaired.length > 0) options.logger.warn({ items: repaired }, 'issued items of interrupted directive registrations');
}
