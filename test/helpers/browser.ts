import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_PATH } from './environment.js';
import { PASSWORD } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

/** Debian's Chromium, headless, with the flags this sandboxed machine needs (never a downloaded browser). */
export function launchBrowser(): Promise<Browser> {
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

/** Signs in from the page itself (the page must be on the app's origin), so the session cookie lands in its context. */
export async function signInFromPage(page: Page, email: string, password = PASSWORD): Promise<void> {
  const status = await page.evaluate(
    async ({ email, password }) =>
      (
        await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        })
      ).status,
    { email, password },
  );
  if (status !== 200) throw new Error(`signing in ${email} from the page answered ${status}`);
}

/**
 * Starts the real app and Chromium for the enclosing `describe`, and stops both after it. Call it inside
 * the `describe`; read `t` and `browser` inside tests, once `beforeAll` has run.
 */
export function useBrowserApp(): { readonly t: TestApp; readonly browser: Browser } {
  const started: { t?: TestApp; browser?: Browser } = {};
  beforeAll(async () => {
    started.t = await createTestApp();
    started.browser = await launchBrowser();
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.t?.close();
  });
  return {
    get t() {
      return started.t!;
    },
    get browser() {
      return started.browser!;
    },
  };
}
