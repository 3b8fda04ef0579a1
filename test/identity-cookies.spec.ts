import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_HINT_COOKIE, parseSessionHint } from '../shared/session-hint.js';
import { AuthService } from '../server/modules/auth/auth.service.js';
import { PASSWORD, createUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const ACCESS = 'consulta_at';
const REFRESH = 'consulta_rt';
const HINT = SESSION_HINT_COOKIE;
const THIRTY_DAYS_S = 30 * 24 * 3600;

interface SetCookie {
  value: string;
  attributes: Record<string, string | true>;
}

/** The cookies a response sets, by name, with their attributes (names in lower case). */
function setCookies(res: request.Response): Record<string, SetCookie> {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const out: Record<string, SetCookie> = {};
  for (const line of header ?? []) {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const i = pair.indexOf('=');
    const attributes: Record<string, string | true> = {};
    for (const a of attrs) {
      const j = a.indexOf('=');
      if (j < 0) attributes[a.toLowerCase()] = true;
      else attributes[a.slice(0, j).toLowerCase()] = a.slice(j + 1);
    }
    out[pair.slice(0, i)] = { value: decodeURIComponent(pair.slice(i + 1)), attributes };
  }
  return out;
}

/** A Set-Cookie that makes the browser forget the cookie at once. */
const cleared = (c: SetCookie | undefined) =>
  !!c && c.value === '' && new Date(c.attributes.expires as string).getTime() <= Date.now();

/**
 * The session hint: a cookie beside the httpOnly session cookies that a page may read, saying only that a
 * session may exist (so anonymous readers ask nothing). Who sets it, who clears it, and that it grants nothing.
 */
describe('Identity: session cookies and the session hint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  /** Signs in as a browser does and keeps the cookies it was given. */
  async function browserSignIn() {
    const { user } = await createUser(t);
    const res = await request(t.url)
      .post('/api/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    const cookies = setCookies(res);
    return { user, res, cookies, refreshCookie: `${REFRESH}=${cookies[REFRESH].value}` };
  }

  it('sets the hint beside the session cookies at sign-in: readable by the page, lasting as long as the session cookie', async () => {
    const before = Date.now();
    const { cookies } = await browserSignIn();
    expect(cookies[ACCESS].attributes.httponly).toBe(true);
    expect(cookies[REFRESH].attributes.httponly).toBe(true);
    const hint = cookies[HINT];
    expect(hint).toBeDefined();
    expect(hint.attributes.httponly).toBeUndefined();
    expect(hint.attributes).toMatchObject({ path: '/', samesite: 'Lax', 'max-age': String(THIRTY_DAYS_S) });
    expect(Number(hint.attributes['max-age'])).toBe(Number(cookies[REFRESH].attributes['max-age']));
    // The value says nothing secret: only until when the access cookie holds (its 15 minutes).
    const parsed = parseSessionHint(`${HINT}=${hint.value}`);
    expect(parsed?.accessExpiresAt).toBeGreaterThanOrEqual(before + 14 * 60_000);
    expect(parsed?.accessExpiresAt).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1000);
    expect(hint.value).not.toContain(cookies[ACCESS].value);
  });

  it('sets the hint when an account is created', async () => {
    const res = await request(t.url)
      .post('/api/auth/register')
      .send({
        email: `hint-${Date.now()}@example.org`,
        displayName: 'New Reader',
        password: 'a long enough password',
      })
      .expect(201);
    const hint = setCookies(res)[HINT];
    expect(hint?.attributes.path).toBe('/');
    expect(parseSessionHint(`${HINT}=${hint?.value}`)?.accessExpiresAt).toBeGreaterThan(Date.now());
  });

  it('renews the hint on refresh, also for a session begun before the hint existed (refresh cookie only)', async () => {
    const { refreshCookie } = await browserSignIn();
    // The browser sends only the refresh cookie (no hint): what a session from before this change holds.
    const res = await request(t.url)
      .post('/api/auth/refresh')
      .set('Cookie', refreshCookie)
      .send({})
      .expect(200);
    const cookies = setCookies(res);
    expect(cookies[HINT]).toBeDefined();
    expect(cookies[HINT].attributes['max-age']).toBe(String(THIRTY_DAYS_S));
    expect(parseSessionHint(`${HINT}=${cookies[HINT].value}`)?.accessExpiresAt).toBeGreaterThan(Date.now());
  });

  it('clears the hint with the session cookies at sign-out', async () => {
    const { cookies } = await browserSignIn();
    const res = await request(t.url)
      .post('/api/auth/logout')
      .set('Cookie', `${ACCESS}=${cookies[ACCESS].value}; ${HINT}=${cookies[HINT].value}`)
      .expect(204);
    const out = setCookies(res);
    for (const name of [ACCESS, REFRESH, HINT]) expect(cleared(out[name]), name).toBe(true);
    expect(out[HINT].attributes.path).toBe('/');
  });

  it('ends the session at sign-out when the access cookie has lapsed and only the refresh cookie is left', async () => {
    const { refreshCookie, cookies } = await browserSignIn();
    // Back after a quarter of an hour: the browser dropped the access cookie; the refresh cookie still names the session.
    const res = await request(t.url)
      .post('/api/auth/logout')
      .set('Cookie', `${refreshCookie}; ${HINT}=${cookies[HINT].value}`)
      .expect(204);
    expectClearedAsSet(res, cookies);
    // The session is over: its refresh token renews nothing, and its last access token is refused.
    await request(t.url).post('/api/auth/refresh').set('Cookie', refreshCookie).expect(401);
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${cookies[ACCESS].value}`).expect(401);
    // With no credential at all, signing out is still refused, saying what is missing.
    const nothing = await request(t.url).post('/api/auth/logout').expect(401);
    expect(nothing.body.message).toMatch(/sign in/i);
  });

  it('clears the hint and the session cookies when a refresh finds the session ended elsewhere', async () => {
    const { user, refreshCookie, cookies } = await browserSignIn();
    // Signed out on another device, say, or disabled by an admin.
    await t.app.get(AuthService).revoke(user.id);
    const res = await request(t.url)
      .post('/api/auth/refresh')
      .set('Cookie', `${refreshCookie}; ${HINT}=${cookies[HINT].value}`)
      .send({})
      .expect(401);
    const out = setCookies(res);
    for (const name of [ACCESS, REFRESH, HINT]) expect(cleared(out[name]), name).toBe(true);
  });

  it('clears the cookies even while the browser still sends the dead access cookie of the ended session', async () => {
    const { user, refreshCookie, cookies } = await browserSignIn();
    await t.app.get(AuthService).revoke(user.id);
    const res = await request(t.url)
      .post('/api/auth/refresh')
      .set('Cookie', `${ACCESS}=${cookies[ACCESS].value}; ${refreshCookie}; ${HINT}=${cookies[HINT].value}`)
      .send({});
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/session has ended/);
    const out = setCookies(res);
    for (const name of [ACCESS, REFRESH, HINT]) expect(cleared(out[name]), name).toBe(true);
  });

  it('signs in again over the dead access cookie of a session ended elsewhere', async () => {
    const { user, cookies } = await browserSignIn();
    await t.app.get(AuthService).revoke(user.id);
    const res = await request(t.url)
      .post('/api/auth/login')
      .set('Cookie', `${ACCESS}=${cookies[ACCESS].value}; ${HINT}=${cookies[HINT].value}`)
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    expect(setCookies(res)[ACCESS].value).not.toBe(cookies[ACCESS].value);
    await request(t.url)
      .get('/api/me')
      .set('Cookie', `${ACCESS}=${setCookies(res)[ACCESS].value}`)
      .expect(200);
  });

  /** Each cookie is cleared with the attributes it was set with (else a browser may keep the one it has). */
  function expectClearedAsSet(res: request.Response, set: Record<string, SetCookie>) {
    const out = setCookies(res);
    for (const name of [ACCESS, REFRESH, HINT]) {
      expect(cleared(out[name]), name).toBe(true);
      const { 'max-age': _set, expires: _e1, ...asSet } = set[name].attributes;
      const { 'max-age': _cleared, expires: _e2, ...asCleared } = out[name].attributes;
      expect(asCleared, name).toEqual(asSet);
    }
  }

  it('clears the cookies with the 401 that refuses the dead access cookie of a session ended elsewhere, on a public route', async () => {
    const { user, refreshCookie, cookies } = await browserSignIn();
    await t.app.get(AuthService).revoke(user.id);
    const browser = `${ACCESS}=${cookies[ACCESS].value}; ${refreshCookie}; ${HINT}=${cookies[HINT].value}`;
    const res = await request(t.url).get('/api/consultations').set('Cookie', browser);
    expect(res.status).toBe(401);
    expectClearedAsSet(res, cookies);
    // The browser's next request carries no session: an anonymous reader.
    await request(t.url).get('/api/consultations').expect(200);
  });

  it('clears the cookies with the 401 that refuses a forged or mangled access cookie', async () => {
    const { cookies } = await browserSignIn();
    const res = await request(t.url)
      .get('/api/consultations')
      .set('Cookie', `${ACCESS}=${cookies[ACCESS].value.slice(0, -4)}abcd; ${HINT}=${cookies[HINT].value}`);
    expect(res.status).toBe(401);
    expectClearedAsSet(res, cookies);
  });

  it('clears the cookies when signing out with the dead access cookie of a session ended elsewhere', async () => {
    const { user, refreshCookie, cookies } = await browserSignIn();
    await t.app.get(AuthService).revoke(user.id);
    const res = await request(t.url)
      .post('/api/auth/logout')
      .set('Cookie', `${ACCESS}=${cookies[ACCESS].value}; ${refreshCookie}; ${HINT}=${cookies[HINT].value}`);
    expect(res.status).toBe(401);
    expectClearedAsSet(res, cookies);
  });

  it('leaves the cookies alone when the refused credential is not the access cookie (a bearer token, another site)', async () => {
    const { user, cookies } = await browserSignIn();
    await t.app.get(AuthService).revoke(user.id);
    const bearer = await request(t.url)
      .get('/api/consultations')
      .set('Authorization', `Bearer ${cookies[ACCESS].value}`)
      .expect(401);
    expect(setCookies(bearer)).toEqual({});
    // Another site cannot sign a browser out by sending its cookie along.
    const { cookies: live } = await browserSignIn();
    const crossSite = await request(t.url)
      .get('/api/me')
      .set('Origin', 'https://elsewhere.example')
      .set('Cookie', `${ACCESS}=${live[ACCESS].value}; ${HINT}=${live[HINT].value}`);
    expect(crossSite.status).toBe(401);
    expect(setCookies(crossSite)).toEqual({});
    // Nor by a link: a navigation from another site carries the Lax cookie and no Origin, only Sec-Fetch-Site.
    const linked = await request(t.url)
      .get('/api/me')
      .set('Sec-Fetch-Site', 'cross-site')
      .set('Cookie', `${ACCESS}=${cookies[ACCESS].value}; ${HINT}=${cookies[HINT].value}`);
    expect(linked.status).toBe(401);
    expect(setCookies(linked)).toEqual({});
  });

  /** One browser, one session: the earlier refresh cookie no longer refreshes, the one just given does. */
  async function expectOnlyTheNewSession(earlier: string, signedIn: request.Response) {
    await request(t.url).post('/api/auth/refresh').set('Cookie', earlier).send({}).expect(401);
    const fresh = `${REFRESH}=${setCookies(signedIn)[REFRESH].value}`;
    await request(t.url).post('/api/auth/refresh').set('Cookie', fresh).send({}).expect(200);
  }

  it('ends the session of the refresh cookie a browser still carries when it signs in again, as anyone', async () => {
    const { refreshCookie: earlier } = await browserSignIn();
    const { user: other } = await createUser(t);
    const res = await request(t.url)
      .post('/api/auth/login')
      .set('Cookie', earlier)
      .send({ email: other.email, password: PASSWORD })
      .expect(200);
    await expectOnlyTheNewSession(earlier, res);
  });

  it('ends the session of the refresh cookie a browser still carries when it creates an account', async () => {
    const { refreshCookie: earlier } = await browserSignIn();
    const res = await request(t.url)
      .post('/api/auth/register')
      .set('Cookie', earlier)
      .send({ email: `new-${Date.now()}@example.org`, password: PASSWORD, displayName: 'New Person' })
      .expect(201);
    await expectOnlyTheNewSession(earlier, res);
  });

  it('ends no session when signing in fails, or when the refresh cookie does not hold that session’s token', async () => {
    const { user, refreshCookie } = await browserSignIn();
    await request(t.url)
      .post('/api/auth/login')
      .set('Cookie', refreshCookie)
      .send({ email: user.email, password: 'not the password' })
      .expect(401);
    const sessionId = refreshCookie.slice(REFRESH.length + 1).split('.')[0];
    await request(t.url)
      .post('/api/auth/login')
      .set('Cookie', `${REFRESH}=${sessionId}.forged`)
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    await request(t.url).post('/api/auth/refresh').set('Cookie', refreshCookie).send({}).expect(200);
  });

  it('clears a hint left without any refresh cookie (the session cookie expired or was deleted)', async () => {
    const res = await request(t.url)
      .post('/api/auth/refresh')
      .set('Cookie', `${HINT}=1`)
      .send({})
      .expect(401);
    expect(cleared(setCookies(res)[HINT])).toBe(true);
  });

  it('clears the cookies when a replayed refresh token ends the session', async () => {
    const { refreshCookie } = await browserSignIn();
    await request(t.url).post('/api/auth/refresh').set('Cookie', refreshCookie).send({}).expect(200);
    const sessionId = refreshCookie.slice(REFRESH.length + 1).split('.')[0];
    await t.db.query(`UPDATE sessions SET rotated_at = now() - interval '1 minute' WHERE id = $1`, [
      sessionId,
    ]);
    const res = await request(t.url).post('/api/auth/refresh').set('Cookie', refreshCookie).send({});
    expect(res.status).toBe(401);
    expect(cleared(setCookies(res)[HINT])).toBe(true);
  });

  it('keeps every cookie when two tabs refresh at once and one loses the race (the session lives on)', async () => {
    const { refreshCookie } = await browserSignIn();
    const [a, b] = [
      request(t.url).post('/api/auth/refresh').set('Cookie', refreshCookie).send({}),
      request(t.url).post('/api/auth/refresh').set('Cookie', refreshCookie).send({}),
    ];
    const answers = await Promise.all([a, b]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
    const loser = answers.find((r) => r.status === 401)!;
    // Its answer must not wipe the cookies the winner's answer has just given the same browser.
    expect(setCookies(loser)).toEqual({});
  });

  it('does not touch the browser’s cookies when an API client’s refresh token (in the body) fails', async () => {
    const res = await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: '00000000-0000-4000-8000-000000000000.nope' })
      .expect(401);
    expect(setCookies(res)).toEqual({});
  });

  it('grants nothing: the hint alone is an anonymous reader, and a forged one changes nothing', async () => {
    await request(t.url).get('/api/me').set('Cookie', `${HINT}=9999999999`).expect(401);
    const list = await request(t.url).get('/api/consultations').set('Cookie', `${HINT}=9999999999`);
    expect(list.status).toBe(200);
  });
});
