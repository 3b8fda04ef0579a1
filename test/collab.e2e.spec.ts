import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftDocName } from '../shared/domain.js';
import { CollabDocuments } from '../server/modules/collaboration/collab-documents.service.js';
import { plainTextOf, yjsStateFromProseMirror } from '../server/modules/collaboration/draft-content.js';
import { launchBrowser, screenshot, signedInCookies } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe.skipIf(!hasChromium())('the live draft in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let secretariat: SignedInUser;
  let participant: SignedInUser;
  let consultationId: string;
  let draft: string;

  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchBrowser();
    secretariat = await createUser(t, { platformRole: 'secretariat', displayName: 'Sara Secretariat' });
    participant = await createUser(t, { displayName: 'Pablo Participant' });
    const { consultation } = await createConsultation(t, { title: 'Live drafting' });
    consultationId = consultation.id;
    const round = await createRound(t, consultation.id);
    draft = draftDocName(round.id);
    const initial = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Proposal' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'First paragraph.' }] },
      ],
    };
    await t.db.transaction((tx) =>
      t.app.get(CollabDocuments).replaceInitialState(draft, yjsStateFromProseMirror(initial), tx),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function pageAs(user: SignedInUser): Promise<Page> {
    const context = await browser.newContext();
    await context.addCookies(signedInCookies(user, t.url));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.url}/consultations/${consultationId}`);
    await page.getByRole('heading', { name: 'Draft of round 1' }).waitFor();
    return page;
  }

  /** The editor's text as a reader sees it, without the other people's caret labels. */
  const draftText = (page: Page) =>
    page.evaluate(`(() => {
      const copy = document.querySelector('.draft-content').cloneNode(true);
      copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
      return copy.textContent;
    })()`) as Promise<string>;

  it('the secretariat types; a participant sees it live, read only, and cannot type', async () => {
    const writer = await pageAs(secretariat);
    const reader = await pageAs(participant);
    await writer.getByText('Live: you are editing').waitFor();
    await reader.getByText('Live: read only').waitFor();
    expect(await reader.getByRole('toolbar').count()).toBe(0);

    const editor = writer.getByRole('textbox', { name: 'Draft text' });
    await editor.getByText('First paragraph.').click();
    await writer.keyboard.press('End');
    await writer.keyboard.type(' Typed live by the secretariat.');
    await expect.poll(() => draftText(reader)).toContain('First paragraph. Typed live by the secretariat.');

    // The participant cannot type: the editor is not editable, and nothing reaches the server.
    const readerEditor = reader.getByRole('textbox', { name: 'Draft text' });
    expect(await readerEditor.getAttribute('contenteditable')).toBe('false');
    await readerEditor.click();
    await reader.keyboard.type('PARTICIPANT WAS HERE');
    expect(await draftText(reader)).not.toContain('PARTICIPANT WAS HERE');

    // Presence: both people, with the names the server gave them.
    await writer.locator('.presence-person', { hasText: 'Pablo Participant' }).waitFor();
    await writer.locator('.presence-person', { hasText: 'Sara Secretariat' }).waitFor();

    // Structure from the toolbar: a heading and a table.
    await writer.keyboard.press('Enter');
    await writer.getByRole('button', { name: 'Heading 2' }).click();
    await writer.keyboard.type('Benefits');
    await writer.keyboard.press('Enter');
    await writer.getByRole('button', { name: 'Insert a table' }).click();
    await expect.poll(() => reader.locator('.draft-content h2').textContent()).toBe('Benefits');
    await expect.poll(() => reader.locator('.draft-content table').count()).toBe(1);

    await screenshot(writer, 'collab-secretariat');
    await screenshot(reader, 'collab-participant');

    // In Arabic, right to left, the reader's view keeps following the draft.
    await reader.getByRole('combobox').selectOption('ar');
    await reader.getByRole('heading', { name: 'مشروع الجولة 1' }).waitFor();
    await reader.getByText('مباشر: للقراءة فقط').waitFor();
    await screenshot(reader, 'collab-participant-ar');

    const stored = plainTextOf(await t.app.get(CollabDocuments).read(draft));
    expect(stored).toContain('First paragraph. Typed live by the secretariat.');
    expect(stored).not.toContain('PARTICIPANT');
  });
});
