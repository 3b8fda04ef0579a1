/**
 * The session hint: a cookie the page can read, beside the httpOnly session cookies it cannot see, that says
 * only "a session may exist in this browser" (GitHub's `logged_in` cookie does the same). Without it the page
 * asks nothing about a session, so an anonymous reader makes no request that must fail. It carries no
 * authority: the server never reads it, and forging one costs the forger a refused refresh.
 *
 * Its value is when the access cookie lapses (Unix seconds), so a page that comes back later renews the
 * session first instead of learning it from a 401. The server sets it with the session cookies and clears it
 * with them (sign-out, a refresh that finds the session over); it lasts as long as the refresh cookie.
 */
export const SESSION_HINT_COOKIE = 'consulta_signed_in';

export interface SessionHint {
  /** When the access cookie lapses (ms since the epoch), or null when the hint does not say. */
  accessExpiresAt: number | null;
}

export const sessionHintValue = (accessExpiresAtMs: number): string =>
  String(Math.floor(accessExpiresAtMs / 1000));

/** The hint in a `Cookie` header or `document.cookie`, or null when there is none. */
export function parseSessionHint(cookies: string): SessionHint | null {
  for (const part of cookies.split(';')) {
    const i = part.indexOf('=');
    if (i < 0 || part.slice(0, i).trim() !== SESSION_HINT_COOKIE) continue;
    const value = part.slice(i + 1).trim();
    if (!value) return null;
    return { accessExpiresAt: /^\d{1,12}$/.test(value) ? Number(value) * 1000 : null };
  }
  return null;
}
