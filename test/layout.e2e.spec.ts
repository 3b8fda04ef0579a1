import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signInFromPage } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const DEMO_PASSWORD = 'consulta-demo';
const SECRETARIAT = 'secretariat@demo.consulta.local';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/**
 * What a reader checks on the demo consultation, on a desktop and on a phone, in every language: the round's
 * parts within reach, a header on one row, a closed round that says so, the text on record with its structure.
 */
describe.skipIf(!hasChromium())('the round’s layout on desktops and phones', () => {
  let t: TestApp;
  let browser: Browser;
  let consultationId: string;
  let roundId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: { SEED_DEMO: 'true' } });
    browser = await launchBrowser();
    const list = (await (await fetch(`${t.url}/api/consultations`)).json()) as {
      id: string;
      currentRound: { id: string } | null;
    }[];
    consultationId = list[0].id;
    roundId = list[0].currentRound!.id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  async function pageAs(email: string | null, path: string, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(t.url);
    if (email) await signInFromPage(page, email, DEMO_PASSWORD);
    await page.goto(`${t.url}${path}`);
    return page;
  }

  it('says at the top of a closed round and on its draft that it is closed and frozen on record, with no live signs', async () => {
    const sec = await pageAs(SECRETARIAT, `/consultations/${consultationId}`);
    await sec.locator('.ProseMirror').waitFor();
    const closed = await sec.evaluate(
      async (id) => (await fetch(`/api/rounds/${id}/close`, { method: 'POST' })).status,
      roundId,
    );
    expect(closed).toBe(200);

    for (const [viewport, name] of [
      [DESKTOP, 'layout-closed-round'],
      [PHONE, 'layout-phone-closed-round'],
    ] as const) {
      const page = await pageAs(null, `/consultations/${consultationId}`, viewport);
      const notice = page.getByRole('note');
      await notice.getByText('Round 1 is closed').waitFor();
      expect(await notice.innerText()).toMatch(
        /frozen as it stood at closing, on .*2\d\d\d.*, and is on record/,
      );
      await page.getByRole('heading', { name: 'Draft of round 1, as closed' }).waitFor();
      await page.locator('.ProseMirror').waitFor();
      const status = page.locator('.draft-status');
      await expect.poll(() => status.innerText()).toMatch(/^Closed .*: frozen, on record$/);
      // The secretariat still has the page open: nobody is "here" on a closed draft, nothing is "live".
      expect(await page.locator('main').innerText()).not.toMatch(/Live:|people here|person here/);
      expect(await page.locator('.presence').count()).toBe(0);
      await notice.getByRole('link', { name: 'Round 1 in the archive' }).waitFor();
      await screenshot(page, name);
    }
  });
});
