/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { draftFragment } from '../../shared/anchoring/plain-text.js';
import { draftDocName } from '../../shared/domain.js';
import { screenshot } from './browser.js';
import { connectEditor, synced, type Editor } from './collab.js';
import { PASSWORD, type SignedInUser } from './factories.js';
import { paragraphs as writeParagraphs } from './summaries.js';

/** Selects the given words inside the draft, as a mouse drag or touch handles would. */
export async function selectWords(page: Page, words: string) {
  await page.evaluate((w) => {
    const root = document.querySelector('.draft-content')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(w);
      if (i >= 0) {
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + w.length);
        const sel = document.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        return;
      }
    }
    throw new Error(`"${w}" is not in the draft`);
  }, words);
}

/** The words each highlight in the draft covers. */
export const highlights = (page: Page) =>
  page.$$eval('.draft-content .annotation-highlight', (els) => els.map((e) => e.textContent));

/**
 * A new browser context signed in as the user, on a consultation's page once its draft shows `waitForText`;
 * the context is added to `contexts` for the caller to close.
 */
export async function openConsultationAs(
  browser: Browser,
  contexts: BrowserContext[],
  {
    url,
    consultationId,
    user,
    waitForText,
  }: {
    url: string;
    consultationId: string;
    user: SignedInUser;
    waitForText: string;
  },
  options: Parameters<Browser['newContext']>[0] = { viewport: { width: 1280, height: 900 } },
): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const res = await context.request.post(`${url}/api/auth/login`, {
    data: { email: user.user.email, password: PASSWORD },
    headers: { origin: url },
  });
  expect(res.status()).toBe(200);
  const page = await context.newPage();
  const name = user.user.displayName;
  page.on('pageerror', (e) => console.error(`[${name}] page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`[${name}] ${m.text()}`));
  await page.goto(`${url}/consultations/${consultationId}`);
  await page
    .locator('.draft-content')
    .getByText(waitForText, { exact: false })
    .waitFor()
    .catch(async (e) => {
      await screenshot(page, `debug-${name}`);
      throw e;
    });
  return page;
}

/** Connects as a writer to a round's draft and writes these paragraphs at its start; the caller destroys it. */
export async function writeDraft(
  url: string,
  roundId: string,
  token: string,
  paragraphs: string[],
): Promise<Editor> {
  const writer = connectEditor(url, draftDocName(roundId), { token });
  await synced(writer);
  writer.doc.transact(() => writeParagraphs(draftFragment(writer.doc), paragraphs, 0));
  return writer;
}
