/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { draftFragment, plainText } from '../shared/anchoring/plain-text.js';
import { draftDocName } from '../shared/domain.js';
import { launchBrowser, screenshot } from './helpers/browser.js';
import { connectEditor, synced, type Editor } from './helpers/collab.js';
import { hasChromium } from './helpers/environment.js';
import {
  createConsultation,
  createRound,
  createUser,
  PASSWORD,
  type SignedInUser,
} from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PARAGRAPHS = [
  'The proposal brings coherence to the Union’s work on Internet public policy.',
  'It also brings inclusiveness, since every stakeholder group takes part.',
];

const paragraphText = (doc: Y.Doc, i: number) =>
  (draftFragment(doc).get(i) as Y.XmlElement).get(0) as Y.XmlText;

/** Selects the given words inside the draft, as a mouse drag or touch handles would. */
async function selectWords(page: Page, words: string) {
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

const highlights = (page: Page) =>
  page.$$eval('.draft-content .annotation-highlight', (els) => els.map((e) => e.textContent));

describe.skipIf(!hasChromium())('Annotations in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let secretariat: Editor;
  let alice: SignedInUser;
  let bob: SignedInUser;
  let consultationId: string;
  const contexts: BrowserContext[] = [];

  async function signedInPage(user: SignedInUser): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const res = await context.request.post(`${t.url}/api/auth/login`, {
      data: { email: user.user.email, password: PASSWORD },
      headers: { origin: t.url },
    });
    expect(res.status()).toBe(200);
    const page = await context.newPage();
    await page.goto(`${t.url}/consultations/${consultationId}`);
    await page.getByText('coherence to the Union', { exact: false }).first().waitFor();
    return page;
  }

  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchBrowser();
    const sec = await createUser(t, { platformRole: 'secretariat', displayName: 'Sam Secretariat' });
    alice = await createUser(t, { displayName: 'Alice Participant' });
    bob = await createUser(t, { displayName: 'Bob Participant' });
    consultationId = (await createConsultation(t, { title: 'Annotations in the browser' })).consultation.id;
    const round = await createRound(t, consultationId);
    secretariat = connectEditor(t.url, draftDocName(round.id), { token: sec.token });
    await synced(secretariat);
    secretariat.doc.transact(() => {
      draftFragment(secretariat.doc).insert(
        0,
        PARAGRAPHS.map((p) => {
          const el = new Y.XmlElement('paragraph');
          el.insert(0, [new Y.XmlText(p)]);
          return el;
        }),
      );
    });
  });
  afterAll(async () => {
    secretariat?.destroy();
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  it('a participant comments on a selected passage; another sees it live, replies, and keeps typing undisturbed', async () => {
    const a = await signedInPage(alice);
    const b = await signedInPage(bob);

    await selectWords(a, 'coherence');
    const commentButton = a.getByRole('button', { name: /Comment$/ });
    await commentButton.waitFor();
    await screenshot(a, 'annotations-selection');
    await commentButton.click();
    await a.locator('.new-thread blockquote', { hasText: 'coherence' }).waitFor();
    await a.getByRole('textbox', { name: 'Write a comment…' }).fill('Coherence with which other work?');
    await a.keyboard.press('Control+Enter');
    await a.locator('.thread-card', { hasText: 'Coherence with which other work?' }).waitFor();
    await expect.poll(() => highlights(a)).toEqual(['coherence']);

    // Bob sees the highlight and the thread appear without reloading.
    await b.locator('.thread-card', { hasText: 'Coherence with which other work?' }).waitFor();
    await expect.poll(() => highlights(b)).toEqual(['coherence']);

    // Bob starts a reply; Alice's reply in the same thread arrives meanwhile; Bob's text stays as it was.
    const bobReply = b.locator('.thread-card').first().getByRole('textbox', { name: 'Reply…' });
    await bobReply.click();
    await bobReply.pressSequentially('With the WSIS', { delay: 5 });
    await a
      .locator('.thread-card')
      .first()
      .getByRole('textbox', { name: 'Reply…' })
      .fill('And with the WSIS+20 review.');
    await a.keyboard.press('Control+Enter');
    await b.locator('.comment', { hasText: 'And with the WSIS+20 review.' }).waitFor();
    expect(await bobReply.inputValue()).toBe('With the WSIS');
    expect(await bobReply.evaluate((el) => el === document.activeElement)).toBe(true);
    await bobReply.pressSequentially(' action lines, see https://www.itu.int/wsis <script>x</script>', {
      delay: 2,
    });
    await b.keyboard.press('Control+Enter');
    const bobsComment = a.locator('.comment', { hasText: 'action lines' });
    await bobsComment.waitFor();
    // The link is a link; the script tag is shown as text and nothing ran.
    expect(await bobsComment.getByRole('link', { name: 'https://www.itu.int/wsis' }).count()).toBe(1);
    expect(await bobsComment.locator('script').count()).toBe(0);
    expect(await bobsComment.textContent()).toContain('<script>x</script>');
    await screenshot(b, 'annotations-thread-live');
  });

  it('the highlight stays on the same words while the secretariat edits the text around them', async () => {
    const a = await signedInPage(alice);
    await expect.poll(() => highlights(a)).toEqual(['coherence']);
    const p0 = paragraphText(secretariat.doc, 0);
    p0.insert(0, 'In short, ');
    const i = p0.toString().indexOf('brings ');
    p0.delete(i, 'brings '.length);
    p0.insert(p0.toString().indexOf(' to the Union'), ' and clarity');
    const expected = plainText(draftFragment(secretariat.doc)).text.split('\n')[0];
    expect(expected).toBe(
      'In short, The proposal coherence and clarity to the Union’s work on Internet public policy.',
    );
    await a.getByText('In short, The proposal coherence and clarity').waitFor();
    await expect.poll(() => highlights(a)).toEqual(['coherence']);
    await vi.waitFor(async () => {
      const thread = a.locator('.thread-card').first();
      expect(await thread.locator('.thread-quote').textContent()).toContain('coherence');
    });
    await screenshot(a, 'annotations-after-edits');

    // Deleting the passage moves the thread to the orphaned section, never losing it.
    const now = paragraphText(secretariat.doc, 0);
    now.delete(now.toString().indexOf('coherence'), 'coherence'.length);
    // The browser resolves anchors on every change of the draft: no refetch, no reload.
    await a.getByRole('heading', { name: 'Passage no longer in the draft' }).waitFor();
    expect(
      await a
        .locator('.orphaned-threads .thread-card', { hasText: 'Coherence with which other work?' })
        .count(),
    ).toBe(1);
    await expect.poll(() => highlights(a)).toEqual([]);
    await screenshot(a, 'annotations-orphaned');
  });
});
