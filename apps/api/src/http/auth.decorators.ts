import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, CommandContext } from '#directives';
import type { TokenRole } from '#identity';
import { commandContextOf, type EngineRequest } from './request-context.js';

export const PUBLIC_ROUTE = 'directive-engine:public';
export const ROLES = 'directive-engine:roles';

/** The route needs no bearer token (health, metrics, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; others get 403 `AUTH.ROLE_NOT_ALLOWED`. */
export const Roles = (...roles: TokenRole[]) => SetMetadata(ROLES, roles);

/** The authenticated actor, as taken from the verified token. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<EngineRequest>().actor!;
});

/** Actor, correlation id and idempotency key of the request, ready for a command. */
export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  return commandContextOf(ctx.switchToHttp().getRequest<EngineRequest>());
});
