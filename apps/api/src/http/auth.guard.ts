import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { actorOf, InvalidTokenError, TokenService, type TokenRole } from '#identity';
import { PUBLIC_ROUTE, ROLES } from './auth.decorators.js';
import type { EngineRequest } from './request-context.js';

/**
 * Every route requires a valid bearer token unless marked `@Public()`. The verified claims become
 * the request's actor; `@Roles()` then restricts the route by role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  /** What each route asks for, read once per handler rather than on every request. */
  private readonly routes = new WeakMap<object, { isPublic: boolean; roles?: TokenRole[] }>();

  canActivate(context: ExecutionContext): boolean {
    const { isPublic, roles } = this.routeOf(context);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<EngineRequest>();
    const claims = this.verify(req.headers.authorization);
    req.actor = actorOf(claims);
    if (roles && !roles.includes(claims.role)) {
      throw new ForbiddenException({
        statusCode: 403,
        code: 'AUTH.ROLE_NOT_ALLOWED',
        message: `Role "${claims.role}" may not call this endpoint; allowed: ${roles.join(', ')}`,
      });
    }
    return true;
  }

  private routeOf(context: ExecutionContext): { isPublic: boolean; roles?: TokenRole[] } {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (!route) {
      const targets = [handler, context.getClass()];
      route = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)),
        roles: this.reflector.getAllAndOverride<TokenRole[] | undefined>(ROLES, targets),
      };
      this.routes.set(handler, route);
    }
    return route;
  }

  private verify(header: string | undefined) {
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('Authorization: Bearer <token> is required');
    try {
      return this.tokens.verify(match[1]!);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
      throw error;
    }
  }
}

function unauthenticated(message: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED', message });
}
