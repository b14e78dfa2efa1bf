import { v5 as uuidv5 } from 'uuid';
import type { CommandContext } from '#directives';
import { newId as newUuid } from '#platform';

const NAMESPACE = 'a3c5d2e1-4b7f-4c9e-8d21-5f6e7a8b9c0d';

/**
 * A new id for something a request creates (a report, a request, a blocker). Under an
 * Idempotency-Key it is derived from the key, so the repeated request names the same thing.
 */
export function newId(ctx: CommandContext, kind: string): string {
  if (!ctx.idempotencyKey) return newUuid();
  return uuidv5(`${ctx.actor.subject}|${ctx.idempotencyKey}|${kind}`, NAMESPACE);
}
