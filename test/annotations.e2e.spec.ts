/// <reference lib="dom" />
import type { BrowserContextOptions } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { draftFragment, plainText } from '../shared/anchoring/plain-text.js';
import { TOUCH_PHONE, hasFocus, screenshot, useBrowserApp } from './helpers/browser.js';
import { draftForReaders, highlights, openConsultationAs, selectWords } from './helpers/draft-page.js';
import type { Editor } from './helpers/collab.js';
import { hasChromium } from './helpers/environment.js';
import type { SignedInUser } from './helpers/factories.js';
import { openThread } from './helpers/threads.js';
import { roundsApi } from './helpers/rounds-client.js';

const PARAGRAPHS = [
  'The proposal brings coherence to the Union’s work on Internet public policy.',
  'It also brings inclusiveness, since every stakeholder group takes part.',
];

const paragraphText = (doc: Y.Doc, i: number) =>
  (draftFragment(doc).get(i) as Y.XmlElement).get(0) as Y.XmlText;

// Two or three browser pages and a live server per test: generous on a shared 2-core machine.
describe.skipIf(!hasChromium())('Annotations in the browser', { timeout: 90_000 }, () => {
  const app = useBrowserApp();
  let secretariat: Editor;
  let alice: SignedInUser;
  let bob: SignedInUser;
  let sec: SignedInUser;
  let consultationId: string;
  let roundId: string;

  const signedInPage = (user: SignedInUser, options?: BrowserContextOptions) =>
    openConsultationAs(app, { consultationId, user, waitForText: 'to the Union' }, options);

  beforeAll(async () => {
    ({ secretariat, alice, bob, sec, consultationId, roundId } = await draftForReaders(
      app.t,
      'Annotations in the browser',
      PARAGRAPHS,
    ));
  });
  afterAll(() => secretariat?.destroy());

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
    expect(await hasFocus(bobReply)).toBe(true);
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

  it('edits, withdrawals, resolving and reopening reach the other participant live', async () => {
    const a = await signedInPage(alice);
    const b = await signedInPage(bob);
    const id = await a
      .locator('.comment', { hasText: 'Coherence with which other work?' })
      .getAttribute('data-comment-id');
    const mine = a.locator(`.comment[data-comment-id="${id}"]`);
    await mine.getByRole('button', { name: 'Edit' }).click();
    const editor = mine.getByRole('textbox', { name: 'Edit your comment' });
    await editor.fill('Coherence with which other work programmes?');
    await editor.press('Control+Enter');
    const seen = b.locator('.comment', { hasText: 'Coherence with which other work programmes?' });
    await seen.waitFor();
    expect(await seen.getByText('(edited)').count()).toBe(1);

    await a
      .locator('.comment', { hasText: 'And with the WSIS+20 review.' })
      .getByRole('button', { name: 'Withdraw' })
      .click();
    const withdrawing = a.getByRole('dialog', { name: 'Withdraw this comment?' });
    expect(await withdrawing.textContent()).toContain('A note that it was withdrawn stays in the thread.');
    await withdrawing.getByRole('button', { name: 'Withdraw' }).click();
    await b.getByText('Withdrawn by its author.').waitFor();
    expect(await b.getByText('And with the WSIS+20 review.').count()).toBe(0);

    await a.locator('.thread-card').first().getByRole('button', { name: 'Resolve' }).click();
    await b.getByRole('radio', { name: 'Resolved (1)' }).waitFor();
    await expect.poll(() => highlights(b)).toEqual([]);
    await b.getByRole('radio', { name: 'Resolved (1)' }).click();
    await b.locator('.thread-card .badge-resolved').waitFor();
    await screenshot(b, 'annotations-resolved');
    await a.getByRole('radio', { name: 'Resolved (1)' }).click();
    await a.locator('.thread-card').first().getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => highlights(b)).toEqual(['coherence']);
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

    // A change inside the passage: the highlight covers the new words and the thread says what it reads now.
    const now = paragraphText(secretariat.doc, 0);
    now.insert(now.toString().indexOf('coherence') + 'coher'.length, 'ent co-ord');
    await expect.poll(() => highlights(a)).toEqual(['coherent co-ordence']);
    await a.locator('.thread-card .thread-now', { hasText: 'coherent co-ordence' }).waitFor();

    // Deleting the passage moves the thread to the orphaned section, never losing it.
    now.delete(now.toString().indexOf('coherent co-ordence'), 'coherent co-ordence'.length);
    // The browser resolves anchors on every change of the draft: no refetch, no reload.
    await a.getByRole('heading', { name: 'Passage no longer in the draft' }).waitFor();
    expect(
      await a
        .locator('.orphaned-threads .thread-card', { hasText: 'Coherence with which other work programmes?' })
        .count(),
    ).toBe(1);
    await expect.poll(() => highlights(a)).toEqual([]);
    await screenshot(a, 'annotations-orphaned');
  });

  it('on a touch screen: select text, tap “Comment”, and the thread opens on that passage', async () => {
    const phone = await signedInPage(bob, TOUCH_PHONE);
    await selectWords(phone, 'every stakeholder group');
    const button = phone.getByRole('button', { name: /Comment$/ });
    await button.waitFor();
    await button.tap();
    await phone.getByRole('textbox', { name: 'Write a comment…' }).fill('Which groups exactly?');
    await phone.getByRole('button', { name: 'Comment', exact: true }).tap();
    await phone.locator('.thread-card', { hasText: 'Which groups exactly?' }).waitFor();
    await expect.poll(() => highlights(phone)).toContain('every stakeholder group');
    await screenshot(phone, 'annotations-touch');
  });

  it('the “Comment” button stays beside the selection as the page scrolls, and leaves the screen with it', async () => {
    for (const [name, options] of [
      ['desk', { viewport: { width: 1280, height: 600 } }],
      ['phone', TOUCH_PHONE],
    ] as const) {
      const page = await signedInPage(alice, options);
      await selectWords(page, 'inclusiveness');
      const button = page.getByRole('button', { name: /Comment$/ });
      await button.waitFor();
      /** Where the selection and the button are on screen now. */
      const boxes = async () => ({
        selection: await page.evaluate(() => {
          const r = document.getSelection()!.getRangeAt(0).getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        }),
        button: (await button.boundingBox())!,
      });
      const expectBeside = async () => {
        const { selection, button: b } = await boxes();
        expect(b.y - selection.bottom, name).toBeGreaterThanOrEqual(0);
        expect(b.y - selection.bottom, name).toBeLessThan(16);
        expect(b.x < selection.right && b.x + b.width > selection.left, name).toBe(true);
      };
      await expectBeside();

      await page.evaluate(() => window.scrollBy(0, 150));
      expect(await page.evaluate(() => window.scrollY), name).toBeGreaterThan(0);
      await expectBeside();
      await screenshot(page, `annotations-button-scrolled-${name}`, { fullPage: false });

      // Scrolled on until the selection is above the screen: the button is not left behind on screen.
      await page.evaluate((by) => window.scrollBy(0, by), (await boxes()).selection.bottom + 100);
      expect((await boxes()).selection.bottom, name).toBeLessThan(0);
      const { button: gone } = await boxes();
      expect(gone.y + gone.height, name).toBeLessThanOrEqual(0);
      await page.close();
    }
  });

  it('a moderator hides a comment with a public reason; participants see the reason, never the words', async () => {
    const moderator = await signedInPage(sec);
    const reader = await signedInPage(alice);
    const card = moderator.locator('.thread-card', { hasText: 'Which groups exactly?' });
    await card.waitFor();
    await card.getByRole('button', { name: 'Hide' }).click();
    await card.getByRole('textbox', { name: 'Public reason' }).fill('Off topic for this passage');
    await card.getByRole('button', { name: 'Hide' }).click();
    await card.getByText('Hidden by the moderators: Off topic for this passage').waitFor();
    // The moderator still reads the words; the participant gets the reason, live.
    expect(await card.getByText('Which groups exactly?').count()).toBe(1);
    const seen = reader.locator('.thread-card', { hasText: 'Off topic for this passage' });
    await seen.waitFor();
    expect(await seen.getByText('Which groups exactly?').count()).toBe(0);
    await screenshot(reader, 'annotations-hidden');
    await reader.getByText('Moderation log (1)').click();
    await reader.getByText('Hidden: Off topic for this passage').waitFor();
  });

  it('opens a thread on an option, and reads right to left in Arabic', async () => {
    const page = await signedInPage(alice);
    await page.getByRole('button', { name: 'Comment on the round or an option' }).click();
    await page.getByRole('combobox', { name: 'About' }).selectOption({ label: 'Option B' });
    const box = page.getByRole('textbox', { name: 'Write a comment…' });
    await box.fill('Option B fits the ITU-T structure best, ');
    // "@" suggests people to mention; picking one names them in the text and notifies them.
    await box.pressSequentially('@Bo', { delay: 20 });
    await page.getByRole('option', { name: /Bob Participant/ }).click();
    await expect
      .poll(() => box.inputValue())
      .toBe('Option B fits the ITU-T structure best, @Bob Participant ');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'On Option B' }).waitFor();
    const notes = await request(app.t.url)
      .get('/api/notifications')
      .set('Authorization', bob.auth)
      .expect(200);
    expect(notes.body.items[0]).toMatchObject({ kind: 'mention' });
    // The keyboard way to comment on a selection, and Esc to give up.
    await selectWords(page, 'inclusiveness');
    await page.getByRole('button', { name: /Comment$/ }).waitFor();
    await page.keyboard.press('Control+Alt+KeyM');
    await page.locator('.new-thread blockquote', { hasText: 'inclusiveness' }).waitFor();
    await page.getByRole('textbox', { name: 'Write a comment…' }).press('Escape');
    await expect.poll(() => page.locator('.new-thread').count()).toBe(0);
    await page.getByRole('combobox').first().selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('heading', { name: 'التعليقات' }).waitFor();
    await screenshot(page, 'annotations-ar');
  });
  it('a thread whose every comment is withdrawn keeps its tombstones and closes to replies, live', async () => {
    const api = (who: SignedInUser, path: string, body: object) =>
      request(app.t.url).post(`/api${path}`).set('Authorization', who.auth).send(body);
    const opened = await api(alice, `/rounds/${roundId}/threads`, {
      target: 'round',
      body: 'A first thought I may take back.',
    }).expect(201);
    const threadId = opened.body.id as string;
    const replied = await api(bob, `/threads/${threadId}/comments`, { body: 'A reply I may take back.' });
    expect(replied.status).toBe(201);
    await api(bob, `/comments/${replied.body.comments.at(-1).id}/withdraw`, {}).expect(200);

    const page = await signedInPage(sec);
    const card = page.locator(`.thread-card[data-thread-id="${threadId}"]`);
    await card.getByText('A first thought I may take back.').waitFor();
    // One comment still stands: the thread takes replies.
    expect(await card.getByRole('textbox', { name: 'Reply…' }).count()).toBe(1);

    await api(alice, `/comments/${opened.body.comments[0].id}/withdraw`, {}).expect(200);
    await card.getByText('Every comment in this thread was withdrawn: it takes no more replies.').waitFor();
    expect(await card.getByText('Withdrawn by its author.').count()).toBe(2);
    expect(await card.getByRole('textbox', { name: 'Reply…' }).count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'annotations-all-withdrawn', { fullPage: false });
  });

  it('keeps a reply being typed, to copy, when the thread closes to replies under the person typing it', async () => {
    const opened = await openThread(app.t, alice.auth, roundId, {
      target: 'round',
      body: 'Should the group report yearly?',
    }).expect(201);
    const threadId = opened.body.id as string;
    const a = await signedInPage(alice);
    const b = await signedInPage(bob);
    const card = (page: typeof a) => page.locator(`.thread-card[data-thread-id="${threadId}"]`);

    // Bob starts a reply and has not sent it when Alice, in her own browser, withdraws the only comment.
    const reply = card(b).getByRole('textbox', { name: 'Reply…' });
    const typed = 'Yearly, yes: the Council meets once a year, so a report in time for it is enough.';
    await reply.fill(typed);
    await card(a).getByRole('button', { name: 'Withdraw' }).click();
    await a
      .getByRole('dialog', { name: 'Withdraw this comment?' })
      .getByRole('button', { name: 'Withdraw' })
      .click();

    // Bob's thread closes to replies, and what he typed is still there, read-only, with the reason.
    await card(b)
      .getByText('Every comment in this thread was withdrawn: it takes no more replies.')
      .waitFor();
    expect(await reply.count()).toBe(0);
    const kept = card(b).getByRole('textbox', { name: 'Your unsent reply' });
    await kept.waitFor();
    expect(await kept.inputValue()).toBe(typed);
    expect(await kept.isEditable()).toBe(false);
    await card(b)
      .getByText('This thread no longer takes replies. What you wrote is kept here for you to copy.')
      .waitFor();
    // Copyable: it can be selected whole, and typing more into it changes nothing.
    await kept.selectText();
    expect(
      await kept.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd, el.value.length]),
    ).toEqual([0, typed.length, typed.length]);
    await b.keyboard.type('more');
    expect(await kept.inputValue()).toBe(typed);
    await card(b).scrollIntoViewIfNeeded();
    await screenshot(b, 'annotations-unsent-reply', { fullPage: false });

    // Kept across pages: to the archive and back within the app, the copy is still there.
    const awayAndBack = async () => {
      await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Archive' }).click();
      await b.waitForURL(`${app.t.url}/archive`);
      await b.goBack();
      await card(b)
        .getByText('Every comment in this thread was withdrawn: it takes no more replies.')
        .waitFor();
    };
    await awayAndBack();
    expect(await kept.inputValue()).toBe(typed);

    // Dismissed, it is gone for good: not there when the page comes back, as it was before.
    await card(b).getByRole('button', { name: 'Dismiss' }).click();
    expect(await kept.count()).toBe(0);
    await awayAndBack();
    expect(await card(b).getByRole('textbox').count()).toBe(0);
  });

  it('keeps a thread on the “Open” list, marked resolved, while someone replies in it; the reply can still be sent', async () => {
    const startThread = async (body: string) =>
      (await openThread(app.t, alice.auth, roundId, { target: 'round', body }).expect(201)).body.id as string;
    const threadId = await startThread('Should the report be published?');
    const a = await signedInPage(alice);
    const b = await signedInPage(bob);
    const card = (page: typeof a, id = threadId) => page.locator(`.thread-card[data-thread-id="${id}"]`);
    const kept =
      'Resolved while you were replying. The thread stays here until you finish; your reply can still be sent.';
    const filter = (page: typeof a, name: 'Open' | 'Resolved') =>
      page.getByRole('radio', { name: new RegExp(`^${name} \\(`) });

    // Bob is writing a reply in the open thread when Alice, in her own browser, resolves it.
    const reply = card(b).getByRole('textbox', { name: 'Reply…' });
    await reply.click();
    await reply.pressSequentially('Published, yes,', { delay: 5 });
    await card(a).getByRole('button', { name: 'Resolve' }).click();
    // Alice was not writing in it: on her "Open" list it goes, as before.
    await card(a).waitFor({ state: 'detached' });

    // Bob still has it in the "Open" view, marked resolved with a sentence saying why it is still there; his
    // text and his cursor are where they were.
    await card(b).locator('.badge-resolved').waitFor();
    await card(b).getByText(kept).waitFor();
    expect(await filter(b, 'Open').getAttribute('aria-checked')).toBe('true');
    expect(await reply.inputValue()).toBe('Published, yes,');
    expect(await hasFocus(reply)).toBe(true);
    await card(b).scrollIntoViewIfNeeded();
    await screenshot(b, 'annotations-resolved-while-replying', { fullPage: false });

    // The server takes replies in a resolved thread, so the box still sends.
    await reply.pressSequentially(' once the secretariat has checked it.', { delay: 2 });
    await b.keyboard.press('Control+Enter');
    const sent = 'Published, yes, once the secretariat has checked it.';
    await card(b).locator('.comment', { hasText: sent }).waitFor();
    // Sent, and Bob gone on to something else: the thread follows the filter, to "Resolved", reply and all.
    await reply.blur();
    await card(b).waitFor({ state: 'detached' });
    await filter(a, 'Resolved').click();
    await card(a).locator('.comment', { hasText: sent }).waitFor();

    // Picking another filter lets a kept thread go too, while the unsent text stays in its box.
    const second = await startThread('And in which languages?');
    const secondReply = card(b, second).getByRole('textbox', { name: 'Reply…' });
    await filter(b, 'Open').click();
    await secondReply.fill('All six, from the start.');
    await request(app.t.url)
      .patch(`/api/threads/${second}`)
      .set('Authorization', alice.auth)
      .send({ status: 'resolved' })
      .expect(200);
    await card(b, second).getByText(kept).waitFor();
    await filter(b, 'Resolved').click();
    expect(await card(b, second).getByText(kept).count()).toBe(0);
    expect(await secondReply.inputValue()).toBe('All six, from the start.');
    await filter(b, 'Open').click();
    expect(await card(b, second).count()).toBe(0);
  });

  describe('a round that closes while someone has a reply half-written', () => {
    const typed = 'Yearly, yes: in time for the Council session';
    const writers: Editor[] = [];
    afterAll(() => writers.forEach((w) => w.destroy()));
    /**
     * A round of its own (closing it must leave the other tests' round open) with a round thread, on a page
     * short enough that the thread's card is below the fold from the top, and the reply typed in its box.
     */
    async function typingWhenTheRoundCloses() {
      const own = await draftForReaders(app.t, 'Closing under a half-written reply', PARAGRAPHS);
      writers.push(own.secretariat);
      const opened = await openThread(app.t, own.alice.auth, own.roundId, {
        target: 'round',
        body: 'Should the group report yearly?',
      }).expect(201);
      const page = await openConsultationAs(
        app,
        { consultationId: own.consultationId, user: own.bob, waitForText: 'to the Union' },
        { viewport: { width: 1280, height: 600 } },
      );
      const card = page.locator(`.thread-card[data-thread-id="${opened.body.id}"]`);
      await card.getByRole('textbox', { name: 'Reply…' }).fill(typed);
      const close = () => roundsApi(app.t, own.sec.auth).closeRound(own.roundId).expect(200);
      const kept = card.getByRole('textbox', { name: 'Your unsent reply' });
      /** The kept copy once it is there, and a couple of frames later, for any focus or scroll to happen. */
      const keptCopy = async () => {
        await kept.waitFor();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        expect(await kept.inputValue()).toBe(typed);
        return kept;
      };
      const selected = () => kept.evaluate((el: HTMLTextAreaElement) => el.selectionEnd - el.selectionStart);
      const focused = () => hasFocus(kept);
      return { page, card, close, keptCopy, selected, focused };
    }

    it('keeps the text where it was, without moving the page or selecting it, when its writer had scrolled back up', async () => {
      const { page, card, close, keptCopy, selected, focused } = await typingWhenTheRoundCloses();
      // Bob scrolls back to the top to reread the draft: the focus stays in the box, out of view.
      await page.mouse.move(400, 300);
      await page.mouse.wheel(0, -10_000);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
      expect((await card.boundingBox())!.y).toBeGreaterThan(600);

      await close();
      await keptCopy();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await selected()).toBe(0);
      // The copy has the focus the box had, for whoever goes on from the keyboard.
      expect(await focused()).toBe(true);
      await screenshot(page, 'annotations-closed-after-scrolling-up', { fullPage: false });
    });

    it('leaves the focus and the page alone when the focus had left the box', async () => {
      const { page, card, close, keptCopy, selected, focused } = await typingWhenTheRoundCloses();
      // Bob clicks outside the page's content, which leaves the focus nowhere, and goes back to the top.
      await page.getByRole('contentinfo').click();
      expect(await hasFocus(page.locator('body'))).toBe(true);
      await page.evaluate(() => window.scrollTo(0, 0));
      expect((await card.boundingBox())!.y).toBeGreaterThan(600);

      await close();
      await keptCopy();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await focused()).toBe(false);
      expect(await selected()).toBe(0);
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'annotations-closed-while-away', { fullPage: false });
    });
  });
});
