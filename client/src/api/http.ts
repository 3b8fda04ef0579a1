import type { ApiError, FieldIssue } from '../../../shared/domain';

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

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh cookie for a new access cookie, once for all concurrent callers. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * JSON over fetch with the session cookie. A 401 on a signed-in browser first tries one refresh, since the
 * access token lives only minutes.
 */
export async function api<T>(
  path: string,
  init: RequestInit & { json?: unknown } = {},
  retry = true,
): Promise<T> {
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
  if (res.status === 401 && retry && !path.startsWith('/auth/') && (await refreshSession())) {
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
