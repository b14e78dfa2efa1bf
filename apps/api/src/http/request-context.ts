import { createHash } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor, CommandContext } from '#directives';

export type EngineRequest = FastifyRequest & { actor?: Actor };

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Builds the command context of a request. The actor comes from the token, never from the body. */
export function commandContextOf(req: EngineRequest): CommandContext {
  const header = req.headers['idempotency-key'];
  const idempotencyKey = Array.isArray(header) ? header[0] : header;
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new BadRequestException({
      statusCode: 400,
      code: 'REQUEST.INVALID_IDEMPOTENCY_KEY',
      message: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
      errors: [{ field: 'Idempotency-Key', rule: 'format', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' }],
    });
  }
  const base = { actor: req.actor!, correlationId: String(req.id) };
  if (idempotencyKey === undefined) return base;
  return { ...base, idempotencyKey, requestHash: requestHash(req) };
}

/** Digest of what a request asks for: method, path and canonical body. */
export function requestHash(req: FastifyRequest): string {
  const path = req.url.split('?')[0];
  return createHash('sha256').update(`${req.method} ${path} ${canonicalJson(req.body ?? null)}`).digest('base64url');
}

/** JSON with object keys sorted, so that key order does not change the digest. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
