import type { ApiError, FieldIssue } from '../../../shared/domain';
import type { MeView } from '../../../shared/schemas/auth';
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

/** An access cookie this close to lapsing is renewed before use (and a clock a little off does no harm). */
const LAPSE_MARGIN_MS = 30_000;

/** The question about the session in flight: the page's other requests wait for its answer. */
let asking: Promise<MeView | null> | null = null;
/** Until the page has an answer, its first request (whichever component makes it) asks the question first. */
let answered = false;

/**
 * The signed-in account, or null for an anonymous reader: asked only when the session hint says a session may
 * exist, and once for all who want it meanwhile. A session ended elsewhere leaves a dead access cookie,
 * refused once: the refusal of this question clears it, and the requests that waited go out anonymous instead
 * of being refused too. When the hint says the access cookie has lapsed, the session is renewed first.
 */
export function whoIsSignedIn(): Promise<MeView | null> {
  const hint = sessionHint();
  if (!hint) return Promise.resolve(null);
  asking ??= ask(hint).finally(() => {
    asking = null;
  });
  return asking;
}

async function ask(hint: SessionHint): Promise<MeView | null> {
  const lapsed = hint.accessExpiresAt !== null && hint.accessExpiresAt < Date.now() + LAPSE_MARGIN_MS;
  let me: MeView | null = null;
  // A refused refresh has cleared the hint (the session is over): signed out, with nothing more to ask.
  if (!lapsed || (await refreshSession())) {
    try {
      me = await send<MeView>('/me');
    } catch (err) {
      if (!(err instanceof HttpError && err.status === 401)) throw err;
    }
  }
  answered = true;
  return me;
}

/**
 * JSON over fetch with the session cookie, once the page knows who is signed in (`whoIsSignedIn`), so that no
 * request of a page carries a dead access cookie before that question has cleared it. The credential routes
 * do not wait: they are how a session begins, is renewed or ends.
 */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  if (!path.startsWith('/auth/')) {
    // A question that failed (the server down, say) is for useMe to show; this request goes all the same.
    await (answered ? asking : whoIsSignedIn())?.catch(() => undefined);
  }
  return send<T>(path, init);
}

/**
 * A 401 on a signed-in browser (one with the session hint) first tries one refresh, since the access token
 * lives only minutes; without the hint there is nothing to refresh.
 */
async function send<T>(path: string, init: RequestInit & { json?: unknown } = {}, retry = true): Promise<T> {
  const { json, ...rest } = init;
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
    return send<T>(path, init, false);
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
