import type { CookieOptions, Request, Response } from 'express';
import { SESSION_HINT_COOKIE, sessionHintValue } from '../../../shared/session-hint.js';
import type { AuthTokens } from '../../../shared/schemas/auth.js';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_MS } from './auth.service.js';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './principal.resolver.js';

/*
 * Browsers get the tokens as httpOnly cookies too; API clients use the body and `Authorization: Bearer`.
 * Beside them goes the session hint (`shared/session-hint.ts`), which the page can read: it lets an anonymous
 * reader's page know there is no session to ask about. It lives as long as the refresh cookie, on every path.
 */

/** Where each cookie lives and who may read it: the same when it is set and when it is cleared. */
function attributes(req: Request) {
  const secure = req.secure;
  return {
    [ACCESS_COOKIE]: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
    [REFRESH_COOKIE]: { httpOnly: true, sameSite: 'strict', secure, path: '/api/auth' },
    [SESSION_HINT_COOKIE]: { httpOnly: false, sameSite: 'lax', secure, path: '/' },
  } satisfies Record<string, CookieOptions>;
}

export function setSessionCookies(req: Request, res: Response, tokens: AuthTokens): void {
  const a = attributes(req);
  res.cookie(ACCESS_COOKIE, tokens.accessToken, {
    ...a[ACCESS_COOKIE],
    maxAge: ACCESS_TOKEN_TTL_SECONDS * 1000,
  });
  res.cookie(REFRESH_COOKIE, tokens.refreshToken, { ...a[REFRESH_COOKIE], maxAge: REFRESH_TOKEN_TTL_MS });
  res.cookie(SESSION_HINT_COOKIE, sessionHintValue(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000), {
    ...a[SESSION_HINT_COOKIE],
    maxAge: REFRESH_TOKEN_TTL_MS,
  });
}

/** The browser forgets the session: both tokens and the hint. */
export function clearSessionCookies(req: Request, res: Response): void {
  for (const [name, options] of Object.entries(attributes(req))) res.clearCookie(name, options);
}
