import type { Request, Response } from 'express';
import { SESSION_HINT_COOKIE, sessionHintValue } from '../../../shared/session-hint.js';
import type { AuthTokens } from '../../../shared/schemas/auth.js';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_MS } from './auth.service.js';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './principal.resolver.js';

/**
 * Browsers get the tokens as httpOnly cookies too; API clients use the body and `Authorization: Bearer`.
 * Beside them goes the session hint (`shared/session-hint.ts`), which the page can read: it lets an anonymous
 * reader's page know there is no session to ask about. It lives as long as the refresh cookie, on every path.
 */
export function setSessionCookies(req: Request, res: Response, tokens: AuthTokens): void {
  const secure = req.secure;
  res.cookie(ACCESS_COOKIE, tokens.accessToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: ACCESS_TOKEN_TTL_SECONDS * 1000,
  });
  res.cookie(REFRESH_COOKIE, tokens.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/api/auth',
    maxAge: REFRESH_TOKEN_TTL_MS,
  });
  res.cookie(SESSION_HINT_COOKIE, sessionHintValue(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000), {
    httpOnly: false,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: REFRESH_TOKEN_TTL_MS,
  });
}

/** The browser forgets the session: both tokens and the hint. */
export function clearSessionCookies(res: Response): void {
  res.clearCookie(ACCESS_COOKIE, { path: '/' });
  res.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
  res.clearCookie(SESSION_HINT_COOKIE, { path: '/' });
}
