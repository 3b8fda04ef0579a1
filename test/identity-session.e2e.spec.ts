import type { BrowserContext, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SESSION_HINT_COOKIE, sessionHintValue } from '../shared/session-hint.js';
import { AuthService } from '../server/modules/auth/auth.service.js';
import { screenshot, signIn, useBrowserApp } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { PASSWORD, createUser } from './helpers/factories.js';

/** What a page did that a reader's console would show, and every request it made about a session. */
interface Watch {
  /** `METHOD /path` of each response answered 401. */
  unauthorised: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** `METHOD /path` of each request to /api/me, /api/auth/* and /api/collab/tickets. */
  sessionRequests: string[];
  /** Paths of the WebSockets the page opened (socket.io, /collab). */
  sockets: string[];
}

function watch(page: Page): Watch {
  const w: Watch = { unauthorised: [], errors: [], sessionRequests: [], sockets: [] };
  const name = (method: string, url: string) => `${method} ${new URL(url).pathname}`;
  page.on('response', (r) => {
    if (r.status() === 401) w.unauthorised.push(name(r.request().method(), r.url()));
  });
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/api/me' || path.startsWith('/api/auth/') || path === '/api/collab/tickets') {
      w.sessionRequests.push(name(r.method(), r.url()));
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(e.message));
  page.on('websocket', (s) => w.sockets.push(new URL(s.url()).pathname));
  return w;
}

/** The API requests the page has sent from now on and not yet seen answered (`METHOD /path` each). */
function unanswered(page: Page): () => string[] {
  const pending = new Set<Request>();
  page.on('request', (r) => new URL(r.url()).pathname.startsWith('/api/') && pending.add(r));
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
  return () => [...pending].map((r) => `${r.method()} ${new URL(r.url()).pathname}`);
}

/** Empties what was watched so far, so an assertion covers one step (a reload, say). */
function reset(w: Watch) {
  for (const list of Object.values(w)) list.length = 0;
}

const DEMO_TITLE = 'A dedicated group on Internet issues';

/**
 * Most readers of a public consultation have no account. Their page must not ask about a session it cannot
 * have (GET /api/me, POST /api/auth/refresh, each a 401 in the console); a signed-in browser keeps its session
 * across reloads, and a signed-out one asks nothing.
 */
describe.skipIf(!hasChromium())('Sessions in the browser: anonymous readers and the session hint', () => {
  const app = useBrowserApp({ env: { SEED_DEMO: 'true' } });

  async function newPage(): Promise<{ page: Page; context: BrowserContext; seen: Watch }> {
    const context = await app.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return { page, context, seen: watch(page) };
  }

  const signedInAs = (page: Page) => page.getByTestId('signed-in-as');
  const hintOf = async (context: BrowserContext) =>
    (await context.cookies(app.t.url)).find((c) => c.name === SESSION_HINT_COOKIE);

  /** The demo consultation, read to the end of loading: its positions, and its live draft connected. */
  async function readDemo(page: Page) {
    await page.goto(app.t.url);
    await page.getByRole('link', { name: DEMO_TITLE }).click();
    await page.locator('[data-status="connected"]').waitFor();
    await page.getByRole('tab', { name: 'Positions' }).click();
    await page.getByRole('heading', { name: 'Where stakeholders stand' }).waitFor();
  }

  /** A new browser signed in through the sign-in form, as a person does. */
  async function signedInPage(displayName = 'Test User') {
    const { user } = await createUser(app.t, { displayName });
    const opened = await newPage();
    const { page } = opened;
    await page.goto(`${app.t.url}/signin`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signedInAs(page).waitFor();
    return { user, ...opened };
  }

  /** Back after a quarter of an hour: the browser has dropped the access cookie, and the hint says it lapsed. */
  async function lapseAccessCookie(context: BrowserContext) {
    await context.clearCookies({ name: 'consulta_at' });
    await context.addCookies([
      { name: SESSION_HINT_COOKIE, value: sessionHintValue(Date.now() - 60_000), url: app.t.url },
    ]);
  }

  it('lets an anonymous reader read the demo consultation with no failed request and a clean console', async () => {
    const { page, context, seen } = await newPage();
    await readDemo(page);
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    await screenshot(page, 'session-anonymous-demo');
    expect(seen.unauthorised).toEqual([]);
    expect(seen.errors).toEqual([]);
    // Nothing was asked about a session: no /api/me, no refresh, no collaboration ticket.
    expect(seen.sessionRequests).toEqual([]);
    // The live parts ran too, as an anonymous reader: socket.io and the draft's /collab socket.
    expect(seen.sockets.some((p) => p.startsWith('/socket.io'))).toBe(true);
    expect(seen.sockets.some((p) => p.startsWith('/collab/'))).toBe(true);
    expect(await hintOf(context)).toBeUndefined();
  });

  it('keeps a signed-in reader signed in across a reload, with no failed request', async () => {
    const { page, context, seen } = await signedInPage('Reloading Reader');
    expect(await hintOf(context)).toMatchObject({ httpOnly: false, path: '/' });
    await readDemo(page);
    await page.reload();
    await expect.poll(() => signedInAs(page).textContent()).toBe('Signed in as Reloading Reader');
    await page.locator('[data-status="connected"]').waitFor();
    expect(seen.unauthorised).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it('shows a signed-out reader signed out after a reload, asking nothing about a session', async () => {
    const { page, context, seen } = await signedInPage();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(await hintOf(context)).toBeUndefined();
    reset(seen);
    await readDemo(page);
    await page.reload();
    await page.locator('[data-status="connected"]').waitFor();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(await signedInAs(page).count()).toBe(0);
    expect(seen.unauthorised).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.sessionRequests).toEqual([]);
  });

  it('signs out the other tabs of the browser too, quietly, and keeps their live connection', async () => {
    const { page, context } = await signedInPage();
    const other = await context.newPage();
    const seen = watch(other);
    await readDemo(other);
    await signedInAs(other).waitFor();
    reset(seen);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await other.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    // The server closed the ended session's socket; the tab opens another, as an anonymous reader.
    await expect.poll(() => seen.sockets.filter((p) => p.startsWith('/socket.io')).length).toBe(1);
    await other.locator('[data-status="connected"]').waitFor();
    expect(seen.unauthorised).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.sessionRequests).toEqual([]);
  });

  it('signs the tab that signed out out once: the server’s word that the session ended starts no second round there', async () => {
    const { page, context, seen } = await signedInPage();
    const other = await context.newPage();
    const otherSeen = watch(other);
    await readDemo(other);
    await signedInAs(other).waitFor();
    reset(otherSeen);
    // The socket.io frames the tab that signs out receives (on sockets opened from now on: hence the reload),
    // the server's word that the session ended among them.
    const frames: string[] = [];
    page.on('websocket', (ws) => {
      if (new URL(ws.url()).pathname.startsWith('/socket.io')) {
        ws.on('framereceived', (f) => frames.push(String(f.payload)));
      }
    });
    await page.reload();
    await signedInAs(page).waitFor();
    // Connected to the socket.io namespace, so in the session's room.
    await expect.poll(() => frames.some((f) => f.startsWith('40'))).toBe(true);
    reset(seen);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    await expect.poll(() => frames.some((f) => f.includes('session.ended'))).toBe(true);
    // The other tab heard the same word and did its round (a new, anonymous socket): the word was acted on.
    await other.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    await expect.poll(() => otherSeen.sockets.filter((p) => p.startsWith('/socket.io')).length).toBe(1);
    // A second round here would follow within one 100 ms look at the cookie; a nothing cannot be waited
    // for, so give it five.
    await page.waitForTimeout(500);
    // The sign-out's own answer opened the one new socket; no second one followed the server's word.
    expect(seen.sockets.filter((p) => p.startsWith('/socket.io'))).toHaveLength(1);
    expect(seen.unauthorised).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it('shows an open page signed out at once when its session is ended elsewhere, for one refused refresh', async () => {
    const { user, page, context, seen } = await signedInPage();
    await readDemo(page);
    reset(seen);
    const pending = unanswered(page);
    await app.t.app.get(AuthService).revoke(user.id);
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    // Where a second refresh would come: the page reconnects its live socket and its draft's, as an anonymous
    // reader now, and fetches its data again for the reader it shows. Once all of that is answered, still one.
    await expect.poll(() => seen.sockets.filter((p) => p.startsWith('/socket.io')).length).toBe(1);
    await expect.poll(() => seen.sockets.filter((p) => p.startsWith('/collab/')).length).toBe(1);
    await page.locator('[data-status="connected"]').waitFor();
    await expect.poll(pending).toEqual([]);
    expect(await hintOf(context)).toBeUndefined();
    expect(seen.unauthorised).toEqual(['POST /api/auth/refresh']);
    expect(seen.sessionRequests).toEqual(['POST /api/auth/refresh']);
  });

  it('renews a session whose access cookie lapsed before asking who is signed in (no 401 on coming back)', async () => {
    const { page, context, seen } = await signedInPage('Returning Reader');
    await lapseAccessCookie(context);
    reset(seen);
    await readDemo(page);
    await expect.poll(() => signedInAs(page).textContent()).toBe('Signed in as Returning Reader');
    expect(seen.sessionRequests.slice(0, 2)).toEqual(['POST /api/auth/refresh', 'GET /api/me']);
    expect(seen.unauthorised).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it('costs a session ended elsewhere one refused refresh, after which the page asks nothing', async () => {
    const { user, page, context, seen } = await signedInPage();
    // Away from the site, signed out everywhere from another device; the access cookie has lapsed since.
    await page.goto('about:blank');
    await app.t.app.get(AuthService).revoke(user.id);
    await lapseAccessCookie(context);
    reset(seen);
    await readDemo(page);
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(seen.unauthorised).toEqual(['POST /api/auth/refresh']);
    expect(await hintOf(context)).toBeUndefined();

    reset(seen);
    await page.reload();
    await page.locator('[data-status="connected"]').waitFor();
    expect(seen.unauthorised).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.sessionRequests).toEqual([]);
  });

  it('costs a session ended elsewhere, revisited while its access cookie still holds, one refused request', async () => {
    const { user, page, context, seen } = await signedInPage();
    // Away from the site for a minute, signed out everywhere from another device: the dead access cookie and
    // the hint are still there, and the hint says the access cookie has not lapsed.
    await page.goto('about:blank');
    await app.t.app.get(AuthService).revoke(user.id);
    reset(seen);
    await readDemo(page);
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(seen.unauthorised, JSON.stringify(seen.unauthorised)).toHaveLength(1);
    expect(await hintOf(context)).toBeUndefined();
    expect((await context.cookies(app.t.url)).map((c) => c.name)).not.toContain('consulta_at');

    reset(seen);
    await page.reload();
    await page.locator('[data-status="connected"]').waitFor();
    await page.getByRole('tab', { name: 'Positions' }).click();
    await page.getByRole('heading', { name: 'Where stakeholders stand' }).waitFor();
    expect(seen.unauthorised).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.sessionRequests).toEqual([]);
  });

  /** The demo consultation's own address, for a page opened straight on it (its data asked first). */
  async function demoPath(): Promise<string> {
    const res = await fetch(`${app.t.url}/api/consultations`);
    const list = (await res.json()) as { id: string; title: string }[];
    return `/consultations/${list.find((c) => c.title === DEMO_TITLE)!.id}`;
  }

  it('refuses a dead access cookie once, on the question about the session and not on the page’s data, when the page asks for its data first', async () => {
    const { page, context, seen } = await newPage();
    await page.goto(app.t.url);
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    // While this page is open, the browser signs in elsewhere and that session is ended from another device:
    // the header already has its answer (nobody), so the next page's data requests are the first to carry
    // the dead cookie and the hint.
    const { user } = await createUser(app.t);
    await signIn(context, app.t.url, user);
    await app.t.app.get(AuthService).revoke(user.id);
    reset(seen);
    await page.getByRole('link', { name: DEMO_TITLE }).click();
    await page.locator('[data-status="connected"]').waitFor();
    await page.getByRole('tab', { name: 'Positions' }).click();
    await page.getByRole('heading', { name: 'Where stakeholders stand' }).waitFor();
    expect(seen.unauthorised).toEqual(['GET /api/me']);
    expect(await hintOf(context)).toBeUndefined();
    expect((await context.cookies(app.t.url)).map((c) => c.name)).not.toContain('consulta_at');
    expect(await signedInAs(page).count()).toBe(0);
  });

  it('asks nothing about a session for an anonymous reader whose page opens straight on its data', async () => {
    const { page, seen } = await newPage();
    await page.goto(`${app.t.url}${await demoPath()}`);
    await page.locator('[data-status="connected"]').waitFor();
    await page.getByRole('tab', { name: 'Positions' }).click();
    await page.getByRole('heading', { name: 'Where stakeholders stand' }).waitFor();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(seen.unauthorised).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.sessionRequests).toEqual([]);
  });

  it('renews a lapsed access cookie once before any of the page’s data is asked, and loads it all signed in', async () => {
    const { page, context, seen } = await signedInPage('Deep-linking Reader');
    await lapseAccessCookie(context);
    reset(seen);
    // Requests the page sent before the refresh was answered: each would go without the access cookie.
    let renewed = false;
    const early: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/') && path !== '/api/auth/refresh' && !renewed) early.push(path);
    });
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/auth/refresh') renewed = true;
    });
    await page.goto(`${app.t.url}${await demoPath()}`);
    await page.locator('[data-status="connected"]').waitFor();
    await page.getByRole('tab', { name: 'Positions' }).click();
    await page.getByRole('heading', { name: 'Where stakeholders stand' }).waitFor();
    await expect.poll(() => signedInAs(page).textContent()).toBe('Signed in as Deep-linking Reader');
    expect(seen.sessionRequests.filter((r) => r === 'POST /api/auth/refresh')).toHaveLength(1);
    expect(seen.sessionRequests.filter((r) => r === 'GET /api/me')).toHaveLength(1);
    expect(early).toEqual([]);
    expect(seen.unauthorised).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
