import * as decoding from 'lib0/decoding';
import type { Page, WebSocket as PageSocket } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftDocName } from '../shared/domain.js';
import { CollabDocuments } from '../server/modules/collaboration/collab-documents.service.js';
import { plainTextOf, yjsStateFromProseMirror } from '../server/modules/collaboration/draft-content.js';
import { screenshot, useBrowserApp } from './helpers/browser.js';
import { idsSharingAColour } from './helpers/collab.js';
import { hasChromium } from './helpers/environment.js';
import {
  createConsultation,
  createRound,
  createUser,
  grantRole,
  type SignedInUser,
} from './helpers/factories.js';

describe.skipIf(!hasChromium())('the live draft in the browser', () => {
  const app = useBrowserApp();
  let secretariat: SignedInUser;
  let participant: SignedInUser;
  let consultationId: string;
  let draft: string;

  beforeAll(async () => {
    const t = app.t;
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

  async function pageAs(user: SignedInUser): Promise<Page> {
    const page = await app.openPage(`/consultations/${consultationId}`, { as: user.user });
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

  it('the secretariat types; a participant sees it live, is told to select a passage to comment, and cannot type', async () => {
    const writer = await pageAs(secretariat);
    const reader = await pageAs(participant);
    await writer.getByText('Live: you are editing').waitFor();
    await reader.getByText('Live: select a passage to comment').waitFor();
    expect(await reader.getByText('Live: read only').count()).toBe(0);
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
    await reader.getByText('مباشر: حدِّد مقطعًا للتعليق عليه').waitFor();
    await screenshot(reader, 'collab-participant-ar');

    const stored = plainTextOf(await app.t.app.get(CollabDocuments).read(draft));
    expect(stored).toContain('First paragraph. Typed live by the secretariat.');
    expect(stored).not.toContain('PARTICIPANT');
  });

  it("a reader's browser sends its own presence only, never the others' it was sent", async () => {
    // Whose presence each awareness frame of the reader's /collab socket carries, both ways.
    const sent: number[][] = [];
    const received: number[][] = [];
    const awarenessIds = (payload: string | Buffer) => {
      if (typeof payload === 'string' || payload[0] !== 1) return null;
      const d = decoding.createDecoder(new Uint8Array(payload));
      decoding.readVarUint(d);
      const update = decoding.createDecoder(decoding.readVarUint8Array(d));
      return Array.from({ length: decoding.readVarUint(update) }, () => {
        const id = decoding.readVarUint(update);
        decoding.readVarUint(update);
        decoding.readVarString(update);
        return id;
      });
    };
    const watch = (ws: PageSocket) => {
      if (!ws.url().includes('/collab/')) return;
      ws.on('framesent', ({ payload }) => void (awarenessIds(payload) && sent.push(awarenessIds(payload)!)));
      ws.on('framereceived', ({ payload }) => {
        const ids = awarenessIds(payload);
        if (ids) received.push(ids);
      });
    };
    const reader = await app.openPage(`/consultations/${consultationId}`, {
      as: participant.user,
      beforeOpening: (page) => page.on('websocket', watch),
    });
    await reader.getByText('Live: select a passage to comment').waitFor();
    const writer = await pageAs(secretariat);
    await reader.locator('.presence-person', { hasText: 'Sara Secretariat' }).waitFor();
    // The secretariat's caret moves: its presence changes, and reaches the reader again.
    const before = received.length;
    const editor = writer.getByRole('textbox', { name: 'Draft text' });
    await editor.getByText('First paragraph.').click();
    await writer.keyboard.press('End');
    await expect.poll(() => received.length).toBeGreaterThan(before);

    const own = sent[0]?.[0];
    expect(own).toBeTypeOf('number');
    const others = new Set(received.flat().filter((id) => id !== own));
    expect(others.size).toBeGreaterThan(0);
    // The stock provider would have sent every one of those back to the server.
    expect(sent.flat().filter((id) => id !== own)).toEqual([]);
    await writer.close();
    await reader.close();
  });

  it('two people on the draft show two colours, and each sees their own as the other sees it', async () => {
    const [aId, bId] = idsSharingAColour(2);
    const ada = await createUser(app.t, { id: aId, displayName: 'Ada Alike' });
    const bea = await createUser(app.t, { id: bId, displayName: 'Bea Alike' });
    const pages = [await pageAs(ada), await pageAs(bea)];
    /** The colour of each person's dot in a page's presence list, once both are there. */
    const dots = async (page: Page) => {
      const person = (name: string) => page.locator('.presence-person', { hasText: name });
      await person('Ada Alike').waitFor();
      await person('Bea Alike').waitFor();
      const colour = (name: string) =>
        person(name)
          .locator('.presence-dot')
          .evaluate((el) => getComputedStyle(el).backgroundColor);
      return { ada: await colour('Ada Alike'), bea: await colour('Bea Alike') };
    };
    const [seenByAda, seenByBea] = [await dots(pages[0]), await dots(pages[1])];
    await screenshot(pages[1], 'collab-two-colours', { fullPage: false });
    expect(seenByAda.ada).not.toBe(seenByAda.bea);
    expect(seenByBea).toEqual(seenByAda);
    for (const page of pages) await page.close();
  });

  it('tells those who may not comment (an observer, anyone signed out) that the draft is read only', async () => {
    const observer = await createUser(app.t, { displayName: 'Olga Observer' });
    await grantRole(app.t, consultationId, observer.user.id, 'observer');
    const watching = await pageAs(observer);
    await watching.getByText('Live: read only').waitFor();
    const anonymous = await app.openPage(`/consultations/${consultationId}`);
    await anonymous.getByText('Live: read only').waitFor();
    expect(await anonymous.getByText('Live: select a passage to comment').count()).toBe(0);
    await screenshot(anonymous, 'collab-anonymous', { fullPage: false });
  });
});
