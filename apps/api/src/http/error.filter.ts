import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, type ErrorCategory } from '#directives';
import { EventStoreUnavailableError } from '#event-store';
import { LOGGER, type Logger } from '#platform';
import type { EngineRequest } from './request-context.js';

const STATUS: Record<ErrorCategory, number> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
};

/** Fastify's own errors (raised before a handler runs) mapped to stable codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.EMPTY_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST.MALFORMED_JSON',
};

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  details?: unknown;
  errors?: unknown;
  correlationId?: string;
}

/**
 * One error shape for every failure: `{statusCode, code, message, field?, errors?}`. Business rules
 * map by category; unexpected errors become 500 without leaking internals, and are logged.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<EngineRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = { ...this.toBody(error, req), correlationId: String(req.id) };
    if (body.statusCode === 401) void reply.header('www-authenticate', 'Bearer');
    void reply.status(body.statusCode).send(body);
  }

  private toBody(error: unknown, req: EngineRequest): ErrorBody {
    if (error instanceof DomainError) {
      return { statusCode: STATUS[error.category], code: error.code, message: error.message, field: error.field, details: error.details };
    }
    const fastify = fastifyError(error);
    if (fastify) return fastify;
    if (error instanceof HttpException) return httpBody(error);
    if (error instanceof EventStoreUnavailableError) {
      this.logger.error({ err: error, path: req.url }, 'event store unavailable');
      return { statusCode: 503, code: error.code, message: 'The event store is unavailable; nothing was recorded. Retry later.' };
    }
    this.logger.error({ err: error, method: req.method, path: req.url }, 'unhandled error');
    return { statusCode: 500, code: 'INTERNAL', message: 'Internal error; nothing was recorded unless the history shows it' };
  }
}

/** Fastify's own 4xx errors, raised as they are or wrapped by Nest's adapter (as the `cause`). */
function fastifyError(error: unknown): ErrorBody | undefined {
  const original = (error instanceof HttpException ? error.cause : error) as { code?: unknown; statusCode?: unknown; message?: string } | undefined;
  if (typeof original?.code !== 'string' || !original.code.startsWith('FST_')) return undefined;
  const statusCode = typeof original.statusCode === 'number' ? original.statusCode : error instanceof HttpException ? error.getStatus() : 400;
  if (statusCode >= 500) return undefined;
  return { statusCode, code: FASTIFY_CODES[original.code] ?? `REQUEST.${original.code.slice(4)}`, message: original.message ?? 'Bad request' };
}

function httpBody(error: HttpException): ErrorBody {
  const statusCode = error.getStatus();
  const response = error.getResponse();
  if (typeof response === 'object' && response !== null && 'code' in response) return { ...(response as ErrorBody), statusCode };
  const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
  return { statusCode, code: statusCode === 404 ? 'ROUTE.NOT_FOUND' : `HTTP.${statusCode}`, message };
}
