/// <reference lib="dom" />
import type { BrowserContextOptions, Locator, Page, Route } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFromOffsets } from '../shared/anchoring/anchor.js';
import { DESKTOP, PHONE, TOUCH_PHONE, hasFocus, screenshot, useBrowserApp } from './helpers/browser.js';
import * as Y from 'yjs';
import { draftFragment } from '../shared/anchoring/plain-text.js';
import { draftDocName } from '../shared/domain.js';
import { connectEditor, synced, type Editor } from './helpers/collab.js';
import { draftForReaders, highlights, openConsultationAs, selectWords } from './helpers/draft-page.js';
import { hasChromium } from './helpers/environment.js';
import {
  createConsultation,
  createRound,
  createUser,
  grantRole,
  type SignedInUser,
} from './helpers/factories.js';
import { openThread } from './helpers/threads.js';

const FIRST = 'The proposal brings coherence to the Union’s work on Internet public policy.';
const SECOND = 'It also brings inclusiveness, since every stakeholder group takes part.';
/** A draft long enough that, on a phone, the threads stand far below the passages they discuss. */
const FILLER = Array.from(
  { length: 24 },
  (_, i) => `Paragraph ${i + 3} restates the working methods of the Council in more words than needed.`,
);

/** Whether the element is entirely on screen. */
const onScreen = (l: Locator) =>
  l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    // Within a pixel: the browser brings a focused element into view to sub-pixel positions.
    return r.top >= -1 && r.bottom <= window.innerHeight + 1 && r.height > 0;
  });

/** Lets ~30 frames pass: long enough for a scroll that would be started on focus to have moved the page. */
const framesPass = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((done) => {
        let n = 0;
        const next = () => (++n > 30 ? done() : requestAnimationFrame(next));
        next();
      }),
  );

describe.skipIf(!hasChromium())('Annotations by keyboard and touch', { timeout: 90_000 }, () => {
  const app = useBrowserApp();
  let secretariat: Editor;
  let alice: SignedInUser;
  let bob: SignedInUser;
  let consultationId: string;
  let roundId: string;
  let sec: SignedInUser;

  const open = (user: SignedInUser, options: BrowserContextOptions = { viewport: DESKTOP }) =>
    openConsultationAs(app, { consultationId, user, waitForText: 'to the Union' }, options);

  beforeAll(async () => {
    ({ secretariat, alice, bob, sec, consultationId, roundId } = await draftForReaders(
      app.t,
      'Annotations by keyboard and touch',
      [FIRST, SECOND, ...FILLER],
    ));
    const carol = await createUser(app.t, { displayName: 'Carol Chair' });
    await grantRole(app.t, consultationId, carol.user.id, 'chair');
    const at = FIRST.indexOf('coherence');
    await openThread(app.t, alice.auth, roundId, {
      target: 'passage',
      anchor: anchorFromOffsets(secretariat.doc, at, at + 'coherence'.length),
      body: 'Coherence with which other work?',
    }).expect(201);
    await openThread(app.t, alice.auth, roundId, {
      target: 'round',
      body: 'The round should last a month longer.',
    }).expect(201);
  });
  afterAll(() => secretariat?.destroy());

  it('on a phone, a tapped reply box stays in view; the quote, when tapped, shows the passage', async () => {
    const phone = await open(bob, TOUCH_PHONE);
    const card = phone.locator('.thread-card', { hasText: 'Coherence with which other work?' });
    const reply = card.getByRole('textbox', { name: 'Reply…' });
    await reply.scrollIntoViewIfNeeded();
    await reply.tap();
    await card.and(phone.locator('.is-active')).waitFor();
    await framesPass(phone);
    expect(await hasFocus(reply)).toBe(true);
    expect(await onScreen(reply)).toBe(true);
    await screenshot(phone, 'access-phone-reply', { fullPage: false });
    // Asked for: the quote brings the passage into view.
    await card.locator('.thread-quote').tap();
    await expect.poll(() => onScreen(phone.locator('.annotation-highlight').first())).toBe(true);
  });

  it('on a desktop, Shift+Tab back through the comments leaves the page where it is', async () => {
    const page = await open(bob);
    const roundFlag = page
      .locator('.thread-card', { hasText: 'The round should last a month longer.' })
      .getByRole('button', { name: 'Flag' });
    await roundFlag.scrollIntoViewIfNeeded();
    await roundFlag.focus();
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(0);
    await page.keyboard.press('Shift+Tab');
    await expect
      .poll(() =>
        hasFocus(page.locator('.thread-card', { hasText: 'Coherence with which other work?' }), {
          within: true,
        }),
      )
      .toBe(true);
    await framesPass(page);
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
    await screenshot(page, 'access-desktop-tab-comments', { fullPage: false });
  });

  it('on a phone, a newly posted thread gets focus where it is listed, not a scroll back to the draft', async () => {
    const phone = await open(bob, TOUCH_PHONE);
    await selectWords(phone, 'inclusiveness');
    await phone.getByRole('button', { name: /Comment$/ }).tap();
    await phone.getByRole('textbox', { name: 'Write a comment…' }).fill('Inclusive of whom?');
    await phone.getByRole('button', { name: 'Comment', exact: true }).tap();
    await expect
      .poll(() =>
        hasFocus(phone.locator('.thread-card', { hasText: 'Inclusive of whom?' }), { within: true }),
      )
      .toBe(true);
    await framesPass(phone);
    expect(await onScreen(phone.locator('.thread-card', { hasText: 'Inclusive of whom?' }))).toBe(true);
    await screenshot(phone, 'access-phone-posted', { fullPage: false });
  });

  it('with the keyboard alone: Tab into the draft, Shift+arrows select a passage, Tab to “Comment”', async () => {
    const page = await open(alice);
    const draft = page.getByRole('textbox', { name: 'Draft text' });
    for (let i = 0; i < 40 && !(await hasFocus(draft)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await hasFocus(draft)).toBe(true);
    // A visible focus ring and caret.
    expect(await draft.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    expect(await page.locator('.reading-caret').isVisible()).toBe(true);
    // The caret starts at the beginning: move past "The ", then select "proposal".
    for (let i = 0; i < 'The '.length; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 'proposal'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe('proposal');
    const comment = page.getByRole('button', { name: /Comment$/ });
    await comment.waitFor();
    await screenshot(page, 'access-keyboard-selection');
    await page.keyboard.press('Tab');
    expect(await hasFocus(comment)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.new-thread blockquote', { hasText: 'proposal' }).waitFor();
    await page.keyboard.type('Which proposal?');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => highlights(page)).toContain('proposal');
  });

  it('on a touch screen, tapping a highlighted passage activates its thread', async () => {
    const phone = await open(bob, TOUCH_PHONE);
    const card = phone.locator('.thread-card', { hasText: 'Coherence with which other work?' });
    await card.waitFor();
    expect(await card.getAttribute('class')).not.toContain('is-active');
    await phone.locator('.annotation-highlight', { hasText: 'coherence' }).tap();
    await card.and(phone.locator('.is-active')).waitFor();
    await screenshot(phone, 'access-phone-tap-highlight', { fullPage: false });
    // As a click does on a desktop.
    const desk = await open(bob);
    const deskCard = desk.locator('.thread-card', { hasText: 'Coherence with which other work?' });
    await desk.locator('.annotation-highlight', { hasText: 'coherence' }).click();
    await deskCard.and(desk.locator('.is-active')).waitFor();
    await screenshot(desk, 'access-desktop-click-highlight', { fullPage: false });
  });

  it('focus comes back to what opened a form; Escape asks before throwing away written text', async () => {
    const page = await open(bob);
    const general = page.getByRole('button', { name: 'Comment on the round or an option' });
    await general.focus();
    await page.keyboard.press('Enter');
    const box = page.getByRole('textbox', { name: 'Write a comment…' });
    await box.fill('A long remark on the schedule that took a while to write.');
    // The question is the app's own dialog, as everywhere else; its safe answer has focus, Escape gives it.
    const question = page.getByRole('dialog', { name: 'Discard what you wrote?' });
    const keep = question.getByRole('button', { name: 'Keep writing' });
    await box.press('Escape');
    await question.waitFor();
    await expect.poll(() => hasFocus(keep)).toBe(true);
    await screenshot(page, 'access-composer-discard-question', { fullPage: false });
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    expect(await box.inputValue()).toBe('A long remark on the schedule that took a while to write.');
    await expect.poll(() => hasFocus(box)).toBe(true);
    await box.press('Escape');
    await question.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => page.locator('.new-thread').count()).toBe(0);
    await expect.poll(() => hasFocus(general)).toBe(true);
    // Cancel, with nothing written: no question, focus back too.
    await page.keyboard.press('Enter');
    await page.locator('.new-thread').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => hasFocus(general)).toBe(true);

    // Flag: Escape, then a sent flag, both return to the Flag button.
    const comment = page.locator('.comment', { hasText: 'The round should last a month longer.' });
    const flag = comment.getByRole('button', { name: 'Flag' });
    await flag.click();
    const reason = comment.getByRole('textbox', { name: 'Why should the moderators look at this comment?' });
    await reason.press('Escape');
    await expect.poll(() => hasFocus(flag)).toBe(true);
    await page.keyboard.press('Enter');
    await reason.fill('Off topic here');
    await reason.press('Enter');
    const flagged = comment.getByRole('button', { name: 'Flagged' });
    await expect.poll(() => hasFocus(flagged)).toBe(true);
    expect(await flagged.getAttribute('aria-disabled')).toBe('true');
    await screenshot(page, 'access-flag-focus');
  });

  it('Escape in a reply box asks before clearing what was written, and leaves an empty box alone', async () => {
    const page = await open(bob);
    const card = page.locator('.thread-card', { hasText: 'Coherence with which other work?' });
    const reply = card.getByRole('textbox', { name: 'Reply…' });
    // The hint under the box says what Escape does there.
    expect(await card.locator('.composer-hint').textContent()).toBe(
      'Ctrl+Enter to send · Esc to clear · @ to mention',
    );
    const question = page.getByRole('dialog', { name: 'Discard what you wrote?' });
    await reply.fill('A reply I am not sure about.');
    await reply.press('Escape');
    await question.getByRole('button', { name: 'Keep writing' }).click();
    await question.waitFor({ state: 'hidden' });
    expect(await reply.inputValue()).toBe('A reply I am not sure about.');
    await reply.press('Escape');
    await question.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => reply.inputValue()).toBe('');
    await question.waitFor({ state: 'hidden' });
    await expect.poll(() => hasFocus(reply)).toBe(true);
    // Empty: nothing is asked, nothing changes, focus stays in the box.
    await reply.press('Escape');
    await framesPass(page);
    expect(await question.isVisible()).toBe(false);
    expect(await hasFocus(reply)).toBe(true);
    await screenshot(page, 'access-reply-escape');
  });

  it('the list of people to mention follows the arrow keys; Enter picks, Escape closes', async () => {
    const page = await open(bob);
    await page.getByRole('button', { name: 'Comment on the round or an option' }).click();
    const box = page.getByRole('textbox', { name: 'Write a comment…' });
    await box.pressSequentially('Ask @', { delay: 20 });
    const options = page.getByRole('listbox', { name: 'People to mention' }).getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    const activeName = () =>
      box.evaluate((el) => {
        const id = el.getAttribute('aria-activedescendant');
        const option = id ? document.getElementById(id) : null;
        return option?.getAttribute('aria-selected') === 'true' ? option.firstChild?.textContent : null;
      });
    const first = await options.nth(0).evaluate((el) => el.firstChild?.textContent);
    const second = await options.nth(1).evaluate((el) => el.firstChild?.textContent);
    expect(await activeName()).toBe(first);
    await box.press('ArrowDown');
    await expect.poll(activeName).toBe(second);
    await box.press('ArrowUp');
    await expect.poll(activeName).toBe(first);
    await box.press('ArrowDown');
    await screenshot(page, 'access-mentions');
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe(`Ask @${second} `);
    expect(await options.count()).toBe(0);
    await box.pressSequentially('and @', { delay: 20 });
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    await box.press('Escape');
    await expect.poll(() => options.count()).toBe(0);
    expect(await page.locator('.new-thread').count()).toBe(1);
  });
  it('a refused reply or flag is said in the reader’s language, never in the server’s English', async () => {
    const posted = await openThread(app.t, alice.auth, roundId, {
      target: 'round',
      body: 'A remark to be withdrawn shortly.',
    }).expect(201);
    const commentId = posted.body.comments[0].id as string;
    const page = await open(bob);
    await page.getByRole('combobox').first().selectOption('fr');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');

    // The round closed meanwhile (as the server answers then): the reply says so in French.
    const english = 'Round 1 is closed: its draft, threads and positions are frozen on record';
    await page.route('**/api/threads/*/comments', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 409, code: 'ROUND_CLOSED', message: english }),
      }),
    );
    const card = page.locator('.thread-card', { hasText: 'Coherence with which other work?' });
    await card.getByRole('textbox', { name: 'Répondre…' }).fill('Une réponse trop tardive.');
    await card.getByRole('button', { name: 'Répondre', exact: true }).click();
    await card
      .getByRole('alert')
      .getByText('Ce tour est clos : les commentaires ne sont plus acceptés.')
      .waitFor();
    expect(await page.getByText(english).count()).toBe(0);
    await page.unroute('**/api/threads/*/comments');
    await screenshot(page, 'access-reply-refused-fr');

    // Flagging a comment its author withdrew meanwhile: the real server refuses, the page says why in French.
    const comment = page.locator(`.comment[data-comment-id="${commentId}"]`);
    await comment.getByRole('button', { name: 'Signaler' }).click();
    await request(app.t.url)
      .post(`/api/comments/${commentId}/withdraw`)
      .set('Authorization', alice.auth)
      .expect(200);
    const reason = comment.getByRole('textbox', {
      name: 'Pourquoi les modérateurs devraient-ils examiner ce commentaire ?',
    });
    await reason.fill('Hors sujet');
    await reason.press('Enter');
    await comment
      .getByRole('alert')
      .getByText('Ce commentaire a été retiré ou masqué entre-temps.')
      .waitFor();
    expect(await page.getByText('This comment was withdrawn').count()).toBe(0);
    await screenshot(page, 'access-flag-refused-fr');
    // On a phone, the message stands under the form it is about.
    await page.setViewportSize(PHONE);
    await comment.scrollIntoViewIfNeeded();
    await screenshot(page, 'access-flag-refused-fr-phone', { fullPage: false });
  });

  it('a refused withdrawal or resolution is said too, not dropped without a word', async () => {
    await openThread(app.t, alice.auth, roundId, {
      target: 'round',
      body: 'A remark its author will try to withdraw.',
    }).expect(201);
    const page = await open(alice);
    await page.getByRole('combobox').first().selectOption('fr');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    const refuse = (route: Route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 409, code: 'ROUND_CLOSED', message: 'Round 1 is closed' }),
      });
    const closedSays = 'Ce tour est clos : les commentaires ne sont plus acceptés.';
    const card = page.locator('.thread-card', { hasText: 'A remark its author will try to withdraw.' });

    // Numbers in the reader's language too: the length limit reads "10 000" in French, not "10,000".
    const reply = card.getByRole('textbox', { name: 'Répondre…' });
    await reply.fill('x'.repeat(10_001));
    await card.getByText(/^Trop long : 10\s000 caractères au plus\.$/).waitFor();
    await reply.fill('');

    // A 400 on the comment's text points at the box; only a 422 (the passage moved) speaks of the passage.
    await page.route('**/api/threads/*/comments', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'body: must not be empty',
          fields: [{ field: 'body', rule: 'required', message: 'must not be empty' }],
        }),
      }),
    );
    await reply.fill('Une réponse.');
    await card.getByRole('button', { name: 'Répondre', exact: true }).click();
    await card.getByRole('alert').getByText('Veuillez corriger les champs signalés.').waitFor();
    expect(await reply.getAttribute('aria-invalid')).toBe('true');
    expect(await card.getByText(/Le passage a changé/).count()).toBe(0);
    await page.unroute('**/api/threads/*/comments');
    await reply.fill('');

    await page.route('**/api/comments/*/withdraw', refuse);
    await card.getByRole('button', { name: 'Retirer' }).click();
    await page
      .getByRole('dialog', { name: 'Retirer ce commentaire ?' })
      .getByRole('button', { name: 'Retirer' })
      .click();
    await card.getByRole('alert').getByText(closedSays).waitFor();
    await page.unroute('**/api/comments/*/withdraw');

    await page.route('**/api/threads/*', (route) =>
      route.request().method() === 'PATCH' ? refuse(route) : route.continue(),
    );
    await card.getByRole('button', { name: 'Résoudre' }).click();
    await expect.poll(() => card.getByRole('alert').getByText(closedSays).count()).toBe(2);
    await page.unroute('**/api/threads/*');
  });

  it('a thread on the very first words of the draft (its first heading), selected with the mouse, is highlighted', async () => {
    const { consultation } = await createConsultation(app.t, { title: 'A draft that opens with a heading' });
    const round = await createRound(app.t, consultation.id);
    const writer = connectEditor(app.t.url, draftDocName(round.id), { token: sec.token });
    try {
      await synced(writer);
      writer.doc.transact(() => {
        const heading = new Y.XmlElement('heading');
        heading.setAttribute('level', '1');
        heading.insert(0, [new Y.XmlText('Background of the proposal')]);
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(FIRST)]);
        draftFragment(writer.doc).insert(0, [heading, paragraph]);
      });
      const page = await openConsultationAs(
        app,
        { consultationId: consultation.id, user: alice, waitForText: 'Background of' },
        { viewport: DESKTOP },
      );
      // An ordinary drag over "Background", from its first letter.
      const box = await page.locator('.draft-content h1').evaluate((h) => {
        const text = document.createTreeWalker(h, NodeFilter.SHOW_TEXT).nextNode()!;
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, 'Background'.length);
        const r = range.getBoundingClientRect();
        return { left: r.left, right: r.right, y: r.top + r.height / 2 };
      });
      await page.mouse.move(box.left + 1, box.y);
      await page.mouse.down();
      await page.mouse.move(box.right - 1, box.y, { steps: 5 });
      await page.mouse.up();
      await page.getByRole('button', { name: /Comment$/ }).click();
      await page.locator('.new-thread blockquote', { hasText: 'Background' }).waitFor();
      await page.getByRole('textbox', { name: 'Write a comment…' }).fill('Whose background?');
      await page.keyboard.press('Control+Enter');
      await page.locator('.thread-card', { hasText: 'Whose background?' }).waitFor();
      await expect.poll(() => highlights(page)).toEqual(['Background']);
      // Another reader, on a fresh page, sees it highlighted too.
      const other = await openConsultationAs(
        app,
        { consultationId: consultation.id, user: bob, waitForText: 'Background of' },
        { viewport: DESKTOP },
      );
      await expect.poll(() => highlights(other)).toEqual(['Background']);
      await screenshot(other, 'access-first-words-highlighted');
    } finally {
      writer.destroy();
    }
  });
});
