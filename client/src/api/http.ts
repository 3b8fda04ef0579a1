import type { ApiError, FieldIssue } from '../../../shared/domain';
import { parseSessionHint, type SessionHint } from '../../../shared/session-hint';

/**
 * An error answer from the API, with the message the server wrote (in English) and, on a 400, the fields at
 * fault with the rule each broke, for forms to mark and say in the reader's language.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * The session hint the server left beside its httpOnly session cookies (`shared/session-hint.ts`), or null:
 * then this browser has no session, and nothing about one is worth asking.
 */
export const sessionHint = (): SessionHint | null => parseSessionHint(document.cookie);

let refreshing: Promise<boolean> | null = null;

/**
 * Trades the refresh cookie for a new access cookie, once for all concurrent callers of this page. Another
 * tab may have traded the same cookie a moment before: the server then refuses this one, but the browser
 * already holds that tab's new cookies, which a newer hint shows, so that counts as renewed too.
 */
export function refreshSession(): Promise<boolean> {
  if (refreshing) return refreshing;
  const before = sessionHint()?.accessExpiresAt ?? 0;
  refreshing = fetch('/api/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
    .then((r) => r.ok || (sessionHint()?.accessExpiresAt ?? 0) > before)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

let askingWhoIsSignedIn: Promise<unknown> | null = null;

/**
 * Runs the page's question about its session (`useMe`); meanwhile the page's other requests wait for it. A
 * session ended elsewhere leaves a dead access cookie, refused once: the refusal of that question clears it,
 * and the requests that waited go out anonymous instead of being refused too.
 */
export function askWhoIsSignedIn<T>(ask: () => Promise<T>): Promise<T> {
  const asking = ask();
  const settled = asking.then(
    () => undefined,
    () => undefined,
  );
  askingWhoIsSignedIn = settled;
  void settled.then(() => {
    if (askingWhoIsSignedIn === settled) askingWhoIsSignedIn = null;
  });
  return asking;
}

/**
 * JSON over fetch with the session cookie. A 401 on a signed-in browser (one with the session hint) first
 * tries one refresh, since the access token lives only minutes; without the hint there is nothing to refresh.
 */
export async function api<T>(
  path: string,
  init: RequestInit & { json?: unknown } = {},
  retry = true,
): Promise<T> {
  const { json, ...rest } = init;
  if (askingWhoIsSignedIn && path !== '/me' && !path.startsWith('/auth/')) await askingWhoIsSignedIn;
  const res = await fetch(`/api${path}`, {
    credentials: 'same-origin',
    ...rest,
    headers: {
      accept: 'application/json',
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...rest.headers,
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (
    res.status === 401 &&
    retry &&
    !path.startsWith('/auth/') &&
    sessionHint() &&
    (await refreshSession())
  ) {
    return api<T>(path, init, false);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ApiError | null;
    throw new HttpError(
      res.status,
      body?.code ?? `HTTP_${res.status}`,
      body?.message ?? res.statusText,
      Array.isArray(body?.fields) ? body.fields : [],
    );
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
