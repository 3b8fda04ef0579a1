import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_HINT_COOKIE, sessionHintValue } from '../../../shared/session-hint';

type Http = typeof import('./http');

const ACCESS = 'consulta_at';
const REFRESH = 'consulta_rt';

/**
 * A browser's cookies and the server's answers, as far as the session goes: a dead access cookie is refused
 * with a 401 that clears the session cookies and the hint; a refresh trades a live refresh cookie for a new
 * access cookie, or is refused and clears them; with no access cookie /api/me is a 401 and the rest public.
 * Each request carries the cookies of the moment it is sent, and is answered a little later, so that the
 * requests of one page are in flight together. Returns what the server answered, in order.
 */
function browser(cookies: Record<string, string>): string[] {
  const jar = new Map(Object.entries(cookies));
  const answered: string[] = [];
  const forget = () => [ACCESS, REFRESH, SESSION_HINT_COOKIE].forEach((name) => jar.delete(name));
  vi.stubGlobal('document', {
    get cookie() {
      const hint = jar.get(SESSION_HINT_COOKIE);
      return hint ? `${SESSION_HINT_COOKIE}=${hint}` : '';
    },
  });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const sent = new Map(jar);
    await new Promise((r) => setTimeout(r, 5));
    let status = 200;
    let body: unknown = { as: sent.get(ACCESS) === 'live' ? 'person' : 'anonymous' };
    if (url === '/api/auth/refresh') {
      if (sent.get(REFRESH) === 'live') {
        jar.set(ACCESS, 'live');
        jar.set(SESSION_HINT_COOKIE, sessionHintValue(Date.now() + 15 * 60_000));
      } else {
        forget();
        status = 401;
      }
    } else if (sent.has(ACCESS) && sent.get(ACCESS) !== 'live') {
      forget();
      status = 401;
    } else if (url === '/api/me') {
      if (sent.has(ACCESS)) body = { id: 'person' };
      else status = 401;
    }
    answered.push(`${init.method ?? 'GET'} ${url} ${status}`);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return answered;
}

const refused = (answered: string[]) => answered.filter((a) => a.endsWith(' 401'));

/**
 * The HTTP layer settles who is signed in before the page's requests go out, whichever component asks first:
 * no request carries a dead or lapsed access cookie that the question could have dealt with.
 */
describe('api and whoIsSignedIn', () => {
  let http: Http;
  beforeEach(async () => {
    vi.resetModules();
    http = await import('./http');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('costs a dead access cookie one refused request when the page asks for its data before who is signed in', async () => {
    const answered = browser({
      [ACCESS]: 'dead',
      [SESSION_HINT_COOKIE]: sessionHintValue(Date.now() + 10 * 60_000),
    });
    const data = await Promise.allSettled([
      http.api('/consultations'),
      http.api('/archive'),
      http.api('/consultations/1'),
    ]);
    expect(refused(answered)).toEqual(['GET /api/me 401']);
    expect(data.map((d) => (d.status === 'fulfilled' ? d.value : d.reason))).toEqual([
      { as: 'anonymous' },
      { as: 'anonymous' },
      { as: 'anonymous' },
    ]);
    expect(await http.whoIsSignedIn()).toBeNull();
    expect(answered).toHaveLength(4);
  });

  it('renews a lapsed access cookie once before the page’s first request, whichever it is, and asks who once', async () => {
    const answered = browser({
      [REFRESH]: 'live',
      [SESSION_HINT_COOKIE]: sessionHintValue(Date.now() - 60_000),
    });
    const data = Promise.all([http.api('/consultations'), http.api('/archive')]);
    const me = http.whoIsSignedIn();
    expect(await data).toEqual([{ as: 'person' }, { as: 'person' }]);
    expect(await me).toEqual({ id: 'person' });
    expect(answered.slice(0, 2)).toEqual(['POST /api/auth/refresh 200', 'GET /api/me 200']);
    expect(answered).toHaveLength(4);
  });

  it('asks nothing about a session without the hint', async () => {
    const answered = browser({});
    expect(await http.api('/consultations')).toEqual({ as: 'anonymous' });
    expect(await http.whoIsSignedIn()).toBeNull();
    expect(answered).toEqual(['GET /api/consultations 200']);
  });
});
