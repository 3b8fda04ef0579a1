/// <reference lib="dom" />
import type { BrowserContextOptions, Page } from 'playwright-core';
import { draftFragment } from '../../shared/anchoring/plain-text.js';
import { draftDocName } from '../../shared/domain.js';
import { type BrowserApp, screenshot } from './browser.js';
import { connectEditor, synced, type Editor } from './collab.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './factories.js';
import { paragraphs as writeParagraphs } from './summaries.js';
import type { TestApp } from './test-app.js';

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
 * A page of its own, signed in as the user, on a consultation's page once its draft shows `waitForText`; the
 * page's errors and console errors are logged under the user's name.
 */
export async function openConsultationAs(
  app: BrowserApp,
  { consultationId, user, waitForText }: { consultationId: string; user: SignedInUser; waitForText: string },
  options: BrowserContextOptions = { viewport: { width: 1280, height: 900 } },
): Promise<Page> {
  const name = user.user.displayName;
  const page = await app.openPage(`/consultations/${consultationId}`, {
    ...options,
    as: user.user,
    beforeOpening: (p) => {
      p.on('pageerror', (e) => console.error(`[${name}] page error: ${e.message}`));
      p.on('console', (m) => m.type() === 'error' && console.error(`[${name}] ${m.text()}`));
    },
  });
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

/**
 * A new consultation whose first round's draft the secretariat wrote (these paragraphs), and two participants
 * to read it, Alice and Bob. The secretariat's editor stays connected, for tests that edit around the readers;
 * the caller destroys it.
 */
export async function draftForReaders(t: TestApp, title: string, paragraphs: string[]) {
  const sec = await createUser(t, { platformRole: 'secretariat', displayName: 'Sam Secretariat' });
  const alice = await createUser(t, { displayName: 'Alice Participant' });
  const bob = await createUser(t, { displayName: 'Bob Participant' });
  const consultationId = (await createConsultation(t, { title })).consultation.id;
  const roundId = (await createRound(t, consultationId)).id;
  const secretariat = await writeDraft(t.url, roundId, sec.token, paragraphs);
  return { sec, alice, bob, consultationId, roundId, secretariat };
}
