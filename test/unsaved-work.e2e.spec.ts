/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closingAsks, hasFocus, screenshot, useBrowserApp } from './helpers/browser.js';
import type { Editor } from './helpers/collab.js';
import { openConsultationAs, selectWords, writeDraft } from './helpers/draft-page.js';
import { hasChromium } from './helpers/environment.js';
import {
  PASSWORD,
  createConsultation,
  createRound,
  createUser,
  type SignedInUser,
} from './helpers/factories.js';
import { openThread } from './helpers/threads.js';

const FIRST = 'The proposal brings coherence to the Union’s work on Internet public policy.';

// Moving inside the app with typed, unsent text: what would be lost is asked about, what is kept is not.
describe.skipIf(!hasChromium())('Unsaved work in the browser', { timeout: 90_000 }, () => {
  const app = useBrowserApp();
  let secretariat: Editor;
  let alice: SignedInUser;
  let sec: SignedInUser;
  let consultationId: string;
  let roundId: string;

  const consultationPage = (user = alice) =>
    openConsultationAs(app, { consultationId, user, waitForText: 'coherence' });
  const path = (page: Page) => new URL(page.url()).pathname;
  const archiveLink = (page: Page) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Archive' });
  const asked = (page: Page) => page.getByRole('dialog', { name: 'Leave this page?' });
  const askedToSignOut = (page: Page) =>
    page.getByRole('dialog', { name: 'Sign out and discard your unsent work?' });

  beforeAll(async () => {
    const t = app.t;
    sec = await createUser(t, { platformRole: 'secretariat', displayName: 'Sam Secretariat' });
    alice = await createUser(t, { displayName: 'Alice Participant' });
    consultationId = (await createConsultation(t, { title: 'Unsaved work' })).consultation.id;
    const round = await createRound(t, consultationId);
    roundId = round.id;
    secretariat = await writeDraft(t.url, round.id, sec.token, [FIRST]);
  });
  afterAll(() => secretariat?.destroy());

  /** Opens the first option's position form and types a rationale (the stance is left unchosen). */
  async function typeRationale(page: Page, text: string) {
    await page.getByRole('tab', { name: 'Positions' }).click();
    await page.getByRole('button', { name: 'Take a position' }).first().click();
    const box = page.getByRole('form', { name: 'Your position on Option A' }).getByRole('textbox');
    await box.fill(text);
    return box;
  }

  /**
   * Follows `link` (the header's Archive link unless said), which must ask first: what the question names, once
   * the person has stayed (Escape), and, with `screenshotAs`, a picture of the question.
   */
  async function namedOnLeaving(page: Page, { link = archiveLink(page), screenshotAs = '' } = {}) {
    await link.click();
    await asked(page).waitFor();
    const named = await asked(page).getByRole('listitem').allTextContents();
    if (screenshotAs) await screenshot(page, screenshotAs, { fullPage: false });
    await page.keyboard.press('Escape');
    await asked(page).waitFor({ state: 'hidden' });
    return named;
  }

  /** Follows the header's Archive link, which must not ask. */
  async function leavesUnasked(page: Page) {
    await archiveLink(page).click();
    await page.waitForURL(`${app.t.url}/archive`);
    expect(await asked(page).count()).toBe(0);
  }

  it('asks before a header link leaves a rationale that is not saved; staying keeps it, leaving leaves', async () => {
    const page = await consultationPage();
    const rationale = await typeRationale(page, 'A study group, with a clear mandate.');

    // From the keyboard: Enter on the header's link asks, naming what would be lost, and "Stay" has the focus.
    await archiveLink(page).focus();
    await page.keyboard.press('Enter');
    await asked(page).waitFor();
    expect(await asked(page).getByRole('listitem').allTextContents()).toEqual([
      'Your position on “Option A”',
    ]);
    expect(await hasFocus(page.locator('dialog button:has-text("Stay on this page")').first())).toBe(true);
    await screenshot(page, 'unsaved-work-ask-position', { fullPage: false });

    // Escape stays: the same page, the same text, and the focus back on the link.
    await page.keyboard.press('Escape');
    await asked(page).waitFor({ state: 'hidden' });
    expect(path(page)).toBe(`/consultations/${consultationId}`);
    expect(await rationale.inputValue()).toBe('A study group, with a clear mandate.');
    expect(await hasFocus(archiveLink(page))).toBe(true);

    // The mouse way to stay, then to leave (Tab reaches "Leave", Enter confirms).
    await archiveLink(page).click();
    await asked(page).getByRole('button', { name: 'Stay on this page' }).click();
    await asked(page).waitFor({ state: 'hidden' });
    expect(path(page)).toBe(`/consultations/${consultationId}`);
    await archiveLink(page).click();
    await asked(page).waitFor();
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.locator('dialog button:has-text("Leave and discard")').first())).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.t.url}/archive`);
    await asked(page).waitFor({ state: 'hidden' });
  });

  it('asks when the browser’s back button would leave a rationale that is not saved', async () => {
    const page = await consultationPage();
    await page.getByRole('link', { name: '← Consultations' }).click();
    await page.getByRole('link', { name: 'Unsaved work' }).click();
    const rationale = await typeRationale(page, 'Not yet sent.');
    await page.evaluate(() => history.back());
    await asked(page).waitFor();
    await page.keyboard.press('Escape');
    await asked(page).waitFor({ state: 'hidden' });
    expect(path(page)).toBe(`/consultations/${consultationId}`);
    expect(await rationale.inputValue()).toBe('Not yet sent.');
  });

  it('asks in the reader’s language, right to left in Arabic, before leaving and before signing out', async () => {
    const page = await app.openPage(`/consultations/${consultationId}`, {
      viewport: { width: 1280, height: 900 },
      as: alice.user,
      lang: 'ar',
    });
    await page.getByRole('tab', { name: 'المواقف' }).click();
    await page.getByRole('button', { name: 'اتخاذ موقف' }).first().click();
    await page.getByRole('form', { name: 'موقفك من Option A' }).getByRole('textbox').fill('مجموعة دراسية');
    await page.getByRole('navigation', { name: 'الرئيسية' }).getByRole('link', { name: 'الأرشيف' }).click();
    const question = page.getByRole('dialog', { name: 'هل تريد مغادرة هذه الصفحة؟' });
    await question.waitFor();
    expect(await question.getByRole('listitem').allTextContents()).toEqual(['موقفك من «Option A»']);
    await question.getByRole('button', { name: 'البقاء في هذه الصفحة' }).waitFor();
    await screenshot(page, 'unsaved-work-ask-ar', { fullPage: false });
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    const signOut = page.getByRole('dialog', { name: 'هل تريد تسجيل الخروج وتجاهل ما لم تُرسله بعد؟' });
    await signOut.waitFor();
    expect(await signOut.getByRole('listitem').allTextContents()).toEqual(['موقفك من «Option A»']);
    await signOut.getByRole('button', { name: 'إلغاء تسجيل الخروج' }).waitFor();
    await screenshot(page, 'unsaved-work-ask-sign-out-ar', { fullPage: false });
  });

  it('leaves without a question when nothing was typed, or what was typed was taken back', async () => {
    const page = await consultationPage();
    const rationale = await typeRationale(page, 'Second thoughts');
    await rationale.fill('');
    await archiveLink(page).click();
    await page.waitForURL(`${app.t.url}/archive`);
    expect(await asked(page).count()).toBe(0);
    await page.goBack();
    await page.getByRole('link', { name: '← Consultations' }).click();
    await page.waitForURL(`${app.t.url}/`);
    expect(await asked(page).count()).toBe(0);
  });

  it('asks before leaving a comment on a passage whose selection would be gone, and leaving forgets it', async () => {
    const page = await consultationPage();
    await selectWords(page, 'coherence');
    await page.getByRole('button', { name: /Comment$/ }).click();
    const box = page.getByRole('textbox', { name: 'Write a comment…' });
    await box.fill('Coherence with which other work?');
    await page.getByRole('link', { name: '← Consultations' }).click();
    await asked(page).waitFor();
    expect(await asked(page).getByRole('listitem').allTextContents()).toEqual([
      'Your comment on “coherence”',
    ]);
    await screenshot(page, 'unsaved-work-ask-comment', { fullPage: false });
    await asked(page).getByRole('button', { name: 'Leave and discard' }).click();
    await page.waitForURL(`${app.t.url}/`);

    // Back on the same words, the box starts empty: what was discarded is gone.
    await page.goBack();
    await page.locator('.draft-content').getByText('coherence', { exact: false }).waitFor();
    await selectWords(page, 'coherence');
    await page.getByRole('button', { name: /Comment$/ }).click();
    expect(await box.inputValue()).toBe('');
  });

  it('asks before the console leaves a consultation not yet created, or settings not saved; creating it does not', async () => {
    const page = await consultationPage(sec);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console' }).click();
    await page.getByLabel('Title').fill('A consultation begun');
    await archiveLink(page).click();
    await asked(page).waitFor();
    expect(await asked(page).getByRole('listitem').allTextContents()).toEqual(['The new consultation']);
    await page.keyboard.press('Escape');
    await asked(page).waitFor({ state: 'hidden' });

    // Created, it opens on its own console page without a question; the settings asked about once changed.
    await page.getByLabel('Question put to stakeholders').fill('Which way?');
    await page.getByRole('button', { name: 'Create the consultation' }).click();
    await page.getByRole('heading', { name: 'A consultation begun' }).waitFor();
    expect(await asked(page).count()).toBe(0);
    await page.getByLabel('Title').fill('A consultation renamed');
    await page.getByRole('link', { name: 'View the public page' }).click();
    await asked(page).waitFor();
    expect(await asked(page).getByRole('listitem').allTextContents()).toEqual(['Changes to the settings']);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await page.getByRole('link', { name: 'View the public page' }).click();
    await page.getByRole('heading', { name: 'A consultation renamed' }).waitFor();
    expect(await asked(page).count()).toBe(0);
  });

  it('asks before leaving changes to one’s profile, and not once they are saved', async () => {
    const page = await consultationPage();
    await page.getByRole('link', { name: 'Profile' }).click();
    const name = page.getByLabel('Name shown to others');
    await name.fill('Alice P.');
    await archiveLink(page).click();
    await asked(page).waitFor();
    expect(await asked(page).getByRole('listitem').allTextContents()).toEqual(['Changes to your profile']);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Your profile is saved.').waitFor();
    await archiveLink(page).click();
    await page.waitForURL(`${app.t.url}/archive`);
    expect(await asked(page).count()).toBe(0);
  });

  it('asks before signing out would lose a rationale, in words of its own: staying keeps the session, signing out goes', async () => {
    const page = await consultationPage();
    const signOuts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/auth/logout')) signOuts.push(r.method());
    });
    const rationale = await typeRationale(page, 'Half a thought.');
    const signOut = page.getByRole('button', { name: 'Sign out' });

    // From the keyboard: asked first, naming what would be lost, with "Stay signed in" focused; nothing was sent.
    await signOut.focus();
    await page.keyboard.press('Enter');
    await askedToSignOut(page).waitFor();
    expect(await asked(page).count()).toBe(0);
    expect(await askedToSignOut(page).getByRole('listitem').allTextContents()).toEqual([
      'Your position on “Option A”',
    ]);
    expect(await hasFocus(page.locator('dialog button:has-text("Stay signed in")').first())).toBe(true);
    expect(signOuts).toEqual([]);
    await screenshot(page, 'unsaved-work-ask-sign-out', { fullPage: false });

    // Escape, or the mouse on "Stay signed in", keeps the text and the session, with nothing sent.
    await page.keyboard.press('Escape');
    await askedToSignOut(page).waitFor({ state: 'hidden' });
    await signOut.click();
    await askedToSignOut(page).getByRole('button', { name: 'Stay signed in' }).click();
    await askedToSignOut(page).waitFor({ state: 'hidden' });
    expect(signOuts).toEqual([]);
    expect(path(page)).toBe(`/consultations/${consultationId}`);
    expect(await rationale.inputValue()).toBe('Half a thought.');
    expect((await page.request.get(`${app.t.url}/api/me`)).status()).toBe(200);
    await page.getByTestId('signed-in-as').waitFor();

    // Tab reaches "Sign out anyway": it signs out and goes, without a second question.
    await signOut.click();
    await askedToSignOut(page).waitFor();
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.locator('dialog button:has-text("Sign out anyway")').first())).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.t.url}/`);
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    expect(signOuts).toEqual(['POST']);
    expect(await asked(page).count()).toBe(0);
    expect(await askedToSignOut(page).count()).toBe(0);
    expect((await page.request.get(`${app.t.url}/api/me`)).status()).toBe(401);
  });

  it('asks about a back move made while asked about signing out in its own words, and leaving does not sign out', async () => {
    const page = await consultationPage();
    await page.getByRole('link', { name: '← Consultations' }).click();
    await page.getByRole('link', { name: 'Unsaved work' }).click();
    await typeRationale(page, 'Going back instead.');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await askedToSignOut(page).waitFor();
    await page.evaluate(() => history.back());
    await asked(page).getByRole('button', { name: 'Leave and discard' }).click();
    await page.waitForURL(`${app.t.url}/`);
    await page.getByRole('link', { name: 'Unsaved work' }).waitFor();
    expect(await askedToSignOut(page).count()).toBe(0);
    expect((await page.request.get(`${app.t.url}/api/me`)).status()).toBe(200);
  });

  it('asks before leaving a reason for flagging or hiding a comment, and not for a reason form left empty', async () => {
    const dan = await createUser(app.t, { displayName: 'Dan Participant' });
    await openThread(app.t, dan.auth, roundId, { target: 'round', body: 'A remark to moderate.' }).expect(
      201,
    );
    const card = (page: Page) => page.locator('.thread-card', { hasText: 'A remark to moderate.' });

    // A flag form opened and left empty loses nothing.
    const page = await consultationPage();
    await card(page).getByRole('button', { name: 'Flag', exact: true }).click();
    const reason = card(page).getByRole('textbox', {
      name: 'Why should the moderators look at this comment?',
    });
    await reason.waitFor();
    await leavesUnasked(page);

    // A reason typed is asked about, naming whose comment it is about; staying keeps it.
    await page.goBack();
    await card(page).getByRole('button', { name: 'Flag', exact: true }).click();
    await reason.fill('Off topic, and rude.');
    expect(await namedOnLeaving(page)).toEqual(['Your reason for flagging the comment by Dan Participant']);
    expect(await reason.inputValue()).toBe('Off topic, and rude.');

    // The moderators' public reason for hiding it, likewise.
    const moderator = await consultationPage(sec);
    await card(moderator).getByRole('button', { name: 'Hide', exact: true }).click();
    await card(moderator).getByRole('textbox', { name: 'Public reason' }).fill('Insults a participant.');
    expect(
      await namedOnLeaving(moderator, {
        link: moderator.getByRole('link', { name: '← Consultations' }),
        screenshotAs: 'unsaved-work-ask-hide-reason',
      }),
    ).toEqual(['Your public reason for hiding the comment by Dan Participant']);
  });

  it('asks before leaving an organisation proposal not sent yet, and not once it is sent', async () => {
    const erin = await createUser(app.t, { displayName: 'Erin Proposer' });
    const page = await app.openPage('/profile', { as: erin.user });
    const proposal = page.getByRole('form', { name: 'Propose an organisation' });
    const name = proposal.getByLabel('Name of the organisation');
    await name.fill('Open Networks Forum');
    expect(await namedOnLeaving(page)).toEqual(['The organisation you are proposing']);
    expect(await name.inputValue()).toBe('Open Networks Forum');

    await proposal.getByLabel('Stakeholder group').selectOption('civil_society');
    await proposal.getByLabel('ITU membership').selectOption('non_member');
    await proposal.getByLabel('Country').fill('KE');
    await proposal.getByLabel('ITU region').selectOption('africa');
    await proposal.getByRole('button', { name: 'Propose' }).click();
    await expect.poll(() => name.inputValue()).toBe('');
    await leavesUnasked(page);
  });

  it('asks before the administration page leaves a role not given yet, and not before a search or once given', async () => {
    const carol = await createUser(app.t, { displayName: 'Carol Newcomer' });
    const page = await app.openPage('/admin', { as: sec.user });
    // A label around a select is named with the option chosen too.
    const consultation = () => page.getByRole('combobox', { name: /^Consultation/ });
    const assign = page.getByRole('form', { name: 'Give someone a role' });
    await consultation().selectOption({ label: 'Unsaved work' });
    await assign.getByLabel('Find a person').fill('Carol');
    await leavesUnasked(page);

    await page.goBack();
    await consultation().selectOption({ label: 'Unsaved work' });
    await assign.getByLabel('Find a person').fill('Carol');
    await assign
      .getByRole('combobox', { name: /^Person/ })
      .selectOption({ label: `Carol Newcomer — ${carol.user.email}` });
    expect(await namedOnLeaving(page, { screenshotAs: 'unsaved-work-ask-role' })).toEqual([
      'A role for Carol Newcomer',
    ]);

    await assign.getByRole('button', { name: 'Assign' }).click();
    await page.getByRole('cell', { name: 'Carol Newcomer', exact: true }).waitFor();
    await leavesUnasked(page);
  });

  it('keeps a reply being written across pages without asking, and asks before a reload would lose it', async () => {
    await openThread(app.t, alice.auth, roundId, {
      target: 'round',
      body: 'Which Internet policy work?',
    }).expect(201);
    const page = await consultationPage();
    const card = page.locator('.thread-card', { hasText: 'Which Internet policy work?' });
    await card.getByRole('textbox', { name: 'Reply…' }).fill('The WSIS action lines.');
    await archiveLink(page).click();
    await page.waitForURL(`${app.t.url}/archive`);
    expect(await asked(page).count()).toBe(0);
    await page.goBack();
    await expect
      .poll(() => card.getByRole('textbox', { name: 'Reply…' }).inputValue())
      .toBe('The WSIS action lines.');
    await screenshot(page, 'unsaved-work-reply-kept', { fullPage: false });

    // A reload would lose it (drafts live in the page): the browser asks, and staying keeps it.
    expect(await closingAsks(page)).toBe(true);
    expect(page.isClosed()).toBe(false);
    expect(await card.getByRole('textbox', { name: 'Reply…' }).inputValue()).toBe('The WSIS action lines.');
  });
  it('forgets a kept reply once its writer is signed out in another tab, so the next person in this tab never sees it', async () => {
    await openThread(app.t, alice.auth, roundId, { target: 'round', body: 'Whose draft is this?' }).expect(
      201,
    );
    const bob = await createUser(app.t, { displayName: 'Bob Participant' });
    const page = await consultationPage();
    const reply = () =>
      page
        .locator('.thread-card', { hasText: 'Whose draft is this?' })
        .getByRole('textbox', { name: 'Reply…' });
    await reply().fill('Alice’s half-written reply.');

    // Alice signs out in another tab of the same browser; this tab follows.
    const other = await page.context().newPage();
    await other.goto(`${app.t.url}/archive`);
    await other.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();

    // Bob signs in in the tab Alice left, and is brought back to the same thread, inside the app (no reload
    // that would empty the page's memory anyway): an empty reply box, and nothing to lose.
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Email').fill(bob.user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('signed-in-as').getByText('Bob Participant').waitFor();
    await page.waitForURL(`${app.t.url}/consultations/${consultationId}`);
    await reply().waitFor();
    expect(await reply().inputValue()).toBe('');
    expect(await closingAsks(page)).toBe(false);
  });
});
