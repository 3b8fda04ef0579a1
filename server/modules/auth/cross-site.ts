import type { IncomingMessage } from 'node:http';
import { forbidden } from '../../common/errors.js';
import { ACCESS_COOKIE, REFRESH_COOKIE, isSameOrigin, readCookie } from './principal.resolver.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CROSS_SITE_MESSAGE =
  'This request came from another site and may not use your Consulta session; open Consulta itself to do this';

/** True when a browser says the request comes from a page of another site (or from an opaque `null` origin). */
export function isCrossSite(req: IncomingMessage, allowedOrigins: string[]): boolean {
  const origin = req.headers.origin;
  if (origin) return !isSameOrigin(origin, req, allowedOrigins);
  const site = req.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/** The request would be authenticated by our cookies, which a browser attaches on its own (not a bearer token). */
export function ridesSessionCookie(req: IncomingMessage): boolean {
  if (req.headers.authorization?.startsWith('Bearer ')) return false;
  return !!readCookie(req, ACCESS_COOKIE) || !!readCookie(req, REFRESH_COOKIE);
}

/**
 * CSRF defence for cookie sign-in (ASVS V4.2.2): a state-changing request that carries our cookies must come
 * from our own origin. SameSite=Lax already keeps the cookie off most cross-site posts; this check also covers
 * same-site sibling hosts and browsers without SameSite. Bearer-token clients are not concerned.
 */
export function assertNotCrossSiteWrite(req: IncomingMessage, allowedOrigins: string[]): void {
  if (SAFE_METHODS.has(req.method ?? 'GET')) return;
  if (ridesSessionCookie(req) && isCrossSite(req, allowedOrigins)) throw forbidden(CROSS_SITE_MESSAGE);
}

/**
 * A socket.io handshake may ride the session cookie only when the browser says it comes from our own page:
 * a matching `Origin`, or (no Origin) `Sec-Fetch-Site: same-origin`. A client that sends neither is no
 * browser page of ours and must use a bearer token (CSWSH, reliability anchors A4).
 */
export function cookieHandshakeAllowed(req: IncomingMessage, allowedOrigins: string[]): boolean {
  const origin = req.headers.origin;
  if (origin) return isSameOrigin(origin, req, allowedOrigins);
  return req.headers['sec-fetch-site'] === 'same-origin';
}
