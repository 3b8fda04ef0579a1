import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_PATH } from './environment.js';
import { PASSWORD } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

/** Debian's Chromium, headless, with the flags this sandboxed machine needs (never a downloaded browser). */
function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Screens the tests look at: a laptop, a laptop tall enough for a chart beside its form, a phone. */
export const DESKTOP = { width: 1280, height: 800 };
export const TALL_DESKTOP = { width: 1280, height: 1100 };
export const PHONE = { width: 390, height: 844 };
/** A phone as a browser context: touch, the mobile layout and a dense screen. */
export const TOUCH_PHONE: BrowserContextOptions = {
  viewport: PHONE,
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
};

export const SCREENSHOT_DIR = join(process.cwd(), '.tmp', 'screenshots');

/**
 * Keeps a picture of what the test saw, for people to look at (.tmp/screenshots): the whole page, or with
 * `{ fullPage: false }` only what is on screen (where a test checks what is in view).
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/**
 * Whether the keyboard focus is on this element (on `page.locator('body')`: on nothing), or, `within`, on it
 * or on something inside it.
 */
export const hasFocus = (target: Locator, { within = false } = {}) =>
  target.evaluate(
    (el, inside) => (inside ? el.contains(document.activeElement) : el === document.activeElement),
    within,
  );

/** Who signs in: an email and a password (the factories' unless said). A factory user's `user` is one. */
export interface Credentials {
  email: string;
  password?: string;
}

/** Signs a browser context in through the API, as the sign-in form does: the session cookie lands in it. */
export async function signIn(
  context: BrowserContext,
  url: string,
  { email, password = PASSWORD }: Credentials,
) {
  const res = await context.request.post(`${url}/api/auth/login`, {
    data: { email, password },
    headers: { origin: url },
  });
  if (res.status() !== 200) throw new Error(`signing ${email} in answered ${res.status()}`);
}

export interface OpenPageOptions extends BrowserContextOptions {
  /** Signed in as this person first; anonymous when left out. */
  as?: Credentials | null;
  /** The interface language, chosen before the app loads (as a returning reader's saved choice is). */
  lang?: string;
  /** The page's default timeout for waits and navigation, where a test wants a failure sooner. */
  timeout?: number;
  /** Runs on the new page before it opens the path: listeners that must see the page load. */
  beforeOpening?: (page: Page) => void;
}

export interface BrowserApp {
  readonly t: TestApp;
  /** A browser context of its own, closed after the `describe`. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a context of its own, on the app at `path` ("/consultations/…"). */
  openPage(path: string, options?: OpenPageOptions): Promise<Page>;
}

/**
 * Closes the page as a person closing the tab would, answering "stay" if the browser asks first: whether it
 * asked (the page is then still open, as it was).
 */
export async function closingAsks(page: Page): Promise<boolean> {
  const asked = new Promise<boolean>((resolve) => {
    page.once('dialog', (d) => {
      resolve(d.type() === 'beforeunload');
      void d.dismiss();
    });
    page.once('close', () => resolve(false));
  });
  await page.close({ runBeforeUnload: true });
  return asked;
}

/**
 * Starts the real app (with these settings) and Chromium for the enclosing `describe`, and stops both after
 * it, with every context opened through it. Call it inside the `describe`; use it inside tests and hooks
 * declared after it, once its `beforeAll` has run.
 */
export function useBrowserApp(options: Parameters<typeof createTestApp>[0] = {}): BrowserApp {
  const started: { t?: TestApp; browser?: Browser } = {};
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    started.t = await createTestApp(options);
    started.browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await started.browser?.close();
    await started.t?.close();
  });
  const app: BrowserApp = {
    get t() {
      return started.t!;
    },
    async newContext(contextOptions) {
      const context = await started.browser!.newContext(contextOptions);
      contexts.push(context);
      return context;
    },
    async openPage(path, { as, lang, timeout, beforeOpening, ...contextOptions } = {}) {
      const context = await app.newContext(contextOptions);
      if (as) await signIn(context, app.t.url, as);
      const page = await context.newPage();
      if (timeout) page.setDefaultTimeout(timeout);
      if (lang) await page.addInitScript(`localStorage.setItem('consulta.lang', '${lang}')`);
      beforeOpening?.(page);
      await page.goto(`${app.t.url}${path}`);
      return page;
    },
  };
  return app;
}
