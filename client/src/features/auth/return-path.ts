/**
 * Where sign-in sends a person back to. Only a path on this site is accepted: it starts with exactly one '/'
 * (so never "//evil.example" or "/\evil.example", which browsers read as another host), has no control
 * characters, and is not the sign-in or sign-up page itself. Anything else falls back, so a crafted link
 * cannot turn sign-in into an open redirect.
 */
export function safeReturnPath(raw: string | null | undefined, fallback = '/'): string {
  if (!raw || raw.length > 2000) return fallback;
  if (!raw.startsWith('/') || raw[1] === '/' || raw[1] === '\\') return fallback;
  if ([...raw].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127)) return fallback;
  if (/^\/(signin|signup)(?:[/?#]|$)/i.test(raw)) return fallback;
  return raw;
}

/** The sign-in (or sign-up) page, with the way back to `from` when there is one worth keeping. */
export function withReturnPath(page: '/signin' | '/signup', from: string | null | undefined): string {
  const next = safeReturnPath(from, '');
  return next && next !== '/' ? `${page}?next=${encodeURIComponent(next)}` : page;
}
