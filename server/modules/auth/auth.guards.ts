import { type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { loginSchema } from '../../../shared/schemas/auth.js';
import { unauthenticated } from '../../common/errors.js';
import { parseOrThrow } from '../../common/zod-validation.js';
import { AppConfig } from '../../config/app-config.service.js';
import type { Principal } from '../policy/principal.js';
import { assertNotCrossSiteWrite, isCrossSite } from './cross-site.js';
import { allowedOrigins } from './jwt.strategy.js';
import { ACCESS_COOKIE } from './principal.resolver.js';
import { clearSessionCookies } from './session-cookies.js';

const REQUIRE_AUTH = 'consulta:requireAuth';
const ISSUES_CREDENTIALS = 'consulta:issuesCredentials';

/** The route needs a signed-in principal; without one it answers 401. */
export const RequireAuth = () => SetMetadata(REQUIRE_AUTH, true);

/**
 * The route hands out credentials (sign-in, sign-up, refresh): whatever access token the request carries is
 * not read. A browser whose session ended elsewhere still sends its dead access cookie for a few minutes; read
 * here, it would refuse the very requests that sign in again or clear it.
 */
export const IssuesCredentials = () => SetMetadata(ISSUES_CREDENTIALS, true);

/** The acting principal, or null for an anonymous reader. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | null =>
    (ctx.switchToHttp().getRequest<Request>().user as Principal) ?? null,
);

/**
 * Global HTTP guard: resolves the principal on every request. No credential means an anonymous reader; a
 * credential that is forged, expired or revoked is a 401 even on public routes, so a client learns at once
 * that it must sign in again (a browser's access cookie is cleared with that 401: it is refused only once).
 */
@Injectable()
export class PrincipalGuard extends AuthGuard('jwt') {
  private readonly origins: string[];

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    super();
    this.origins = allowedOrigins(config);
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    assertNotCrossSiteWrite(req, this.origins);
    if (this.reflector.getAllAndOverride<boolean>(ISSUES_CREDENTIALS, [ctx.getHandler(), ctx.getClass()])) {
      req.user = undefined;
      return true;
    }
    const hasCredential = !!req.headers.authorization || !!req.cookies?.[ACCESS_COOKIE];
    const required = this.reflector.getAllAndOverride<boolean>(REQUIRE_AUTH, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (!hasCredential) {
      if (required) throw unauthenticated();
      req.user = undefined;
      return true;
    }
    return (await super.canActivate(ctx)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T, _info: unknown, ctx: ExecutionContext): T {
    if (err || !user) {
      // A dead or invalid access cookie is refused once: the refusal makes the browser forget it and the hint,
      // so its next request is an anonymous reader's. Not for a bearer token (an API client's, not the
      // browser's), nor for a cookie another site sent along (that site must not sign the browser out).
      const http = ctx.switchToHttp();
      const req = http.getRequest<Request>();
      if (this.refusedTheCookie(req)) clearSessionCookies(req, http.getResponse<Response>());
      throw unauthenticated('Your session token is invalid or has expired; sign in again');
    }
    return user;
  }

  private refusedTheCookie(req: Request): boolean {
    if (req.headers.authorization || !req.cookies?.[ACCESS_COOKIE]) return false;
    return !isCrossSite(req, this.origins);
  }
}

/**
 * passport-local, but a body with missing or ill-typed fields is a 400 that names them (passport alone answers
 * a bare 401 "Missing credentials").
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(ctx: ExecutionContext) {
    parseOrThrow(loginSchema, ctx.switchToHttp().getRequest<Request>().body ?? {});
    return super.canActivate(ctx);
  }
}
