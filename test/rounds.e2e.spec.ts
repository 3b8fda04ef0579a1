import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasFocus, PHONE, screenshot, signIn, useBrowserApp } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';

/** The writes a page sends to the rounds API from now on: "METHOD path body". */
function roundWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() !== 'GET' && url.pathname.startsWith('/api/rounds/'))
      writes.push(`${r.method()} ${url.pathname} ${r.postData() ?? ''}`.trim());
  });
  return writes;
}

describe.skipIf(!hasChromium())('Running a consultation from the console, watched live', () => {
  const app = useBrowserApp();
  let secContext: BrowserContext;
  let viewerContext: BrowserContext;
  let sec: SignedInUser;

  beforeAll(async () => {
    sec = await createUser(app.t, { platformRole: 'secretariat', displayName: 'Sam Secretariat' });
    secContext = await app.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    viewerContext = await app.newContext({ locale: 'en-GB', viewport: { width: 1100, height: 900 } });
    await signIn(secContext, app.t.url, sec.user);
  });

  it('creates a consultation with three options, opens and closes a round; a second browser sees each step live', async () => {
    const admin = await secContext.newPage();
    await admin.goto(`${app.t.url}/console`);
    await admin.getByRole('heading', { name: 'Secretariat console' }).waitFor();

    // Create the consultation with three options.
    await admin.getByLabel('Title').fill('Where should the Internet group sit?');
    await admin.getByLabel('Question put to stakeholders').fill('Which home suits the group best?');
    await admin.getByRole('button', { name: 'Add another option' }).click();
    const labels = ['A Council working group', 'An ITU-T focus group', 'An ITU-T study group'];
    for (const [i, label] of labels.entries()) {
      await admin.getByLabel(`Option ${i + 1}`, { exact: true }).fill(label);
    }
    await admin.getByLabel('What choosing option 1 would mean').fill('Reports to the Council');
    await screenshot(admin, 'rounds-console-create');
    await admin.getByRole('button', { name: 'Create the consultation' }).click();
    await admin.getByRole('heading', { name: 'Where should the Internet group sit?' }).waitFor();
    const consultationId = /\/console\/consultations\/([0-9a-f-]{36})/.exec(admin.url())![1];

    // The viewer (anonymous, another browser context) opens the public page.
    const viewer = await viewerContext.newPage();
    await viewer.goto(`${app.t.url}/consultations/${consultationId}`);
    await viewer.getByRole('heading', { name: 'Where should the Internet group sit?' }).waitFor();
    // Options appear wherever the page lists them (the options section, the positions panel): first mention.
    for (const label of labels) await viewer.getByText(label, { exact: true }).first().waitFor();
    const optionOrder = async () => {
      const text = await viewer.locator('main').innerText();
      return [...labels].sort((a, b) => text.indexOf(a) - text.indexOf(b));
    };
    await viewer.getByText('No round has been scheduled yet.').waitFor();
    const reloads: string[] = [];
    viewer.on('framenavigated', (f) => {
      if (f === viewer.mainFrame()) reloads.push(f.url());
    });

    // Reorder before any round opens: the study group moves up, and the viewer's list follows.
    await admin.getByRole('button', { name: 'Move “An ITU-T study group” up' }).click();
    await expect
      .poll(optionOrder)
      .toEqual(['A Council working group', 'An ITU-T study group', 'An ITU-T focus group']);

    // Schedule round 1 with a deadline two days out.
    const deadline = new Date(Date.now() + 2 * 24 * 3600_000);
    const local = new Date(deadline.getTime() - deadline.getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 16);
    await admin.getByLabel('Deadline (optional)').fill(local);
    await admin.getByRole('button', { name: 'Schedule the round' }).click();
    await admin.getByRole('button', { name: 'Open round 1 now' }).waitFor();
    await viewer.getByText('Round 1 was scheduled.').waitFor();
    await viewer.locator('.round-entry[data-round="1"]').getByText('Scheduled').waitFor();

    // Open it, once asked: the viewer sees it open, with a countdown to the deadline.
    await admin.getByRole('button', { name: 'Open round 1 now…' }).click();
    const opening = admin.getByRole('dialog', { name: 'Open round 1?' });
    expect(await opening.textContent()).toContain('It closes by itself at its deadline');
    await opening.getByRole('button', { name: 'Open round 1', exact: true }).click();
    await admin.getByRole('button', { name: 'Close round 1…' }).waitFor();
    await viewer.getByText('Round 1 is now open for comment.').waitFor();
    const timer = viewer.getByRole('timer');
    await expect
      .poll(() => timer.textContent())
      .toMatch(/^2 days \d\d:\d\d:\d\d left$|^1 day 23:\d\d:\d\d left$/);
    const first = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).not.toBe(first);
    await screenshot(viewer, 'rounds-viewer-open');

    // Close it after the confirmation that says what closing means.
    await admin.getByRole('button', { name: 'Close round 1…' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Close round 1?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('the draft becomes read-only');
    expect(await dialog.textContent()).toContain('A closed round never reopens');
    await screenshot(admin, 'rounds-console-close-dialog');
    await dialog.getByRole('button', { name: 'Close round 1' }).click();
    await admin.getByRole('heading', { name: 'Schedule round 2' }).waitFor();
    await screenshot(admin, 'rounds-console-closed');

    await viewer.getByText('Round 1 is closed and on record.').waitFor();
    const record = viewer.getByRole('region', { name: 'Closing record of round 1' });
    await record.waitFor();
    const digest = (await record.locator('code.digest').textContent())!;
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    await record.getByRole('button', { name: 'Verify against the database' }).click();
    await record.getByText('Verified: the content on record matches its digest.').waitFor();
    expect(await viewer.getByText('Concluded').count()).toBeGreaterThan(0);
    await screenshot(viewer, 'rounds-viewer-closed');

    // Between rounds: a new option, then round 2, which lists what changed since round 1.
    await admin.getByLabel('New option').fill('A regional group');
    await admin.getByRole('button', { name: 'Add option' }).click();
    // With a round on record the options live in the "Positions" tab beside the draft.
    await viewer.getByRole('tab', { name: 'Positions' }).click();
    await viewer.getByText('A regional group', { exact: true }).first().waitFor();
    await admin.getByRole('button', { name: 'Schedule the round' }).click();
    await viewer.getByText('Round 2 was scheduled.').waitFor();
    await viewer.getByText('1 change since round 1').click();
    await viewer.getByText('Option added: A regional group').waitFor();
    await screenshot(viewer, 'rounds-viewer-round-2');

    // Every change arrived without a reload.
    expect(reloads).toEqual([]);
    const stored = await app.t.db.query(`SELECT closing_digest FROM rounds WHERE consultation_id = $1`, [
      consultationId,
    ]);
    expect(stored[0].closing_digest).toBe(digest);
  });

  it('asks before opening a round, saying what opening does; without a deadline it warns, and takes one there', async () => {
    const utc = { timezoneId: 'UTC', viewport: { width: 1280, height: 900 } };
    const day = (iso: string) =>
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
    const scheduled = async (title: string) => {
      const { consultation } = await createConsultation(app.t, { title });
      const round = await createRound(app.t, consultation.id, { status: 'scheduled', openedAt: null });
      return { consultationId: consultation.id, roundId: round.id };
    };
    const stored = async (roundId: string) =>
      (await app.t.db.query(`SELECT status, closes_at FROM rounds WHERE id = $1`, [roundId]))[0] as {
        status: string;
        closes_at: Date | null;
      };

    // A round scheduled without a deadline: opening it asks first, and says what it means.
    const later = await scheduled('Opened with a deadline set on the way');
    const admin = await app.openPage(`/console/consultations/${later.consultationId}`, {
      ...utc,
      as: sec.user,
    });
    await admin.getByRole('button', { name: 'Open round 1 now…' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Open round 1?' });
    await dialog.waitFor();
    const said = await dialog.textContent();
    expect(said).toContain('participants can comment on the draft, on the options and on the round');
    expect(said).toContain('they can take positions on the options');
    expect(said).toContain('Opening cannot be undone');
    expect(said).toContain('No deadline is set: the round will stay open until someone closes it');
    // The safe choice has the focus, and Escape keeps the round scheduled.
    const keep = dialog.getByRole('button', { name: 'Keep it scheduled' });
    expect(await hasFocus(keep)).toBe(true);
    await screenshot(admin, 'rounds-open-dialog-no-deadline', { fullPage: false });
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await stored(later.roundId)).status).toBe('scheduled');

    // Asked again, the button says it opens without a deadline, until one is typed in the dialog.
    await admin.getByRole('button', { name: 'Open round 1 now…' }).click();
    await dialog.getByRole('button', { name: 'Open round 1 without a deadline' }).waitFor();
    const deadline = new Date(Date.now() + 3 * 24 * 3600_000).toISOString().slice(0, 16);
    await dialog.getByLabel('Deadline').fill(deadline);
    expect(await dialog.textContent()).toContain(
      `It closes by itself at its deadline, ${day(`${deadline}:00Z`)}`,
    );
    expect(await dialog.textContent()).not.toContain('No deadline is set');
    // One request sets the deadline and opens: nothing is half done if it fails.
    const writes = roundWrites(admin);
    await dialog.getByRole('button', { name: 'Open round 1', exact: true }).click();
    await admin.getByRole('button', { name: 'Close round 1…' }).waitFor();
    expect(writes).toEqual([`POST /api/rounds/${later.roundId}/open {"closesAt":"${deadline}:00.000Z"}`]);
    const opened = await stored(later.roundId);
    expect(opened.status).toBe('open');
    expect(opened.closes_at?.toISOString()).toBe(`${deadline}:00.000Z`);
    // The console shows the deadline it opened with, and counts down to it.
    expect(await admin.getByRole('textbox', { name: 'Deadline', exact: true }).inputValue()).toBe(deadline);
    await admin.getByRole('timer').waitFor();

    // Readers see until when, under the title and in the list of consultations.
    const viewer = await app.openPage(`/consultations/${later.consultationId}`, utc);
    await viewer.getByText(/^Round 1 is open for comment until /).waitFor();
    expect(await viewer.locator('.round-deadline').textContent()).toContain(day(`${deadline}:00Z`));
    await screenshot(viewer, 'rounds-open-deadline-header', { fullPage: false });
    await viewer.goto(`${app.t.url}/`);
    const card = viewer.locator('.card', { hasText: 'Opened with a deadline set on the way' });
    await card.getByText(`Round 1 · closes ${day(`${deadline}:00Z`)}`).waitFor();

    // Opened without one, knowingly: readers are told that no closing date has been set.
    const open = await scheduled('Opened without a deadline');
    await admin.goto(`${app.t.url}/console/consultations/${open.consultationId}`);
    await admin.getByRole('button', { name: 'Open round 1 now…' }).click();
    await dialog.getByRole('button', { name: 'Open round 1 without a deadline' }).click();
    await admin.getByRole('button', { name: 'Close round 1…' }).waitFor();
    expect(await stored(open.roundId)).toEqual({ status: 'open', closes_at: null });
    await viewer.goto(`${app.t.url}/consultations/${open.consultationId}`);
    await viewer.getByText('Round 1 is open for comment, with no closing date set yet.').waitFor();
    await viewer.goto(`${app.t.url}/`);
    await viewer
      .locator('.card', { hasText: 'Opened without a deadline' })
      .getByText('Round 1 · no closing date set')
      .waitFor();
    await screenshot(viewer, 'rounds-open-list-no-deadline', { fullPage: false });
  });

  it('takes the deadline typed beside the round into the opening dialog, the one place it is then changed', async () => {
    const { consultation } = await createConsultation(app.t, { title: 'Opened from the console' });
    const round = await createRound(app.t, consultation.id, { status: 'scheduled', openedAt: null });
    const admin = await app.openPage(`/console/consultations/${consultation.id}`, {
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 900 },
      as: sec.user,
    });
    const typed = new Date(Date.now() + 5 * 24 * 3600_000).toISOString().slice(0, 16);
    await admin.getByRole('textbox', { name: 'Deadline', exact: true }).fill(typed);
    await admin.getByRole('button', { name: 'Open round 1 now…' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Open round 1?' });
    expect(await dialog.getByLabel('Deadline').inputValue()).toBe(typed);
    expect(await dialog.textContent()).toContain('It closes by itself at its deadline');
    await screenshot(admin, 'rounds-open-dialog-deadline', { fullPage: false });

    // A date already past is refused: said in the dialog, which keeps it; the round is as it was.
    const writes = roundWrites(admin);
    const past = new Date(Date.now() - 3600_000).toISOString().slice(0, 16);
    await dialog.getByLabel('Deadline').fill(past);
    await dialog.getByRole('button', { name: 'Open round 1', exact: true }).click();
    await dialog.getByText('the deadline must be in the future').waitFor();
    expect(await dialog.getByLabel('Deadline').inputValue()).toBe(past);
    expect(writes).toHaveLength(1);
    const [row] = await app.t.db.query(`SELECT status, closes_at FROM rounds WHERE id = $1`, [round.id]);
    expect(row).toEqual({ status: 'scheduled', closes_at: null });

    // On a phone the dialog fits the screen, the field and both buttons in reach.
    const phone = await app.openPage(`/console/consultations/${consultation.id}`, {
      timezoneId: 'UTC',
      viewport: PHONE,
      as: sec.user,
    });
    await phone.getByRole('button', { name: 'Open round 1 now…' }).click();
    const small = phone.getByRole('dialog', { name: 'Open round 1?' });
    await small.getByLabel('Deadline').fill(typed);
    const box = (await small.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, 'rounds-open-dialog-deadline-phone', { fullPage: false });
  });

  it('warns when a round is scheduled to open by itself with no deadline, and keeps saying so until one is set', async () => {
    const { consultation } = await createConsultation(app.t, { title: 'Opens by itself' });
    const page = await app.openPage(`/console/consultations/${consultation.id}`, {
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 900 },
      as: sec.user,
    });
    const form = page.getByRole('form', { name: 'Schedule round 1' });
    const warning =
      /^No deadline is set: round 1 will open by itself on .+ and stay open until someone closes it/;
    const opensAt = new Date(Date.now() + 2 * 24 * 3600_000).toISOString().slice(0, 16);
    await form.getByLabel('Opens at (optional)').fill(opensAt);
    await form.getByText(warning).waitFor();
    await form.getByRole('button', { name: 'Schedule the round without a deadline' }).waitFor();
    await screenshot(page, 'rounds-schedule-no-deadline', { fullPage: false });
    // A deadline takes the warning away.
    const closesAt = new Date(Date.now() + 9 * 24 * 3600_000).toISOString().slice(0, 16);
    await form.getByLabel('Deadline (optional)').fill(closesAt);
    await expect.poll(() => form.getByText(warning).count()).toBe(0);
    await form.getByRole('button', { name: 'Schedule the round', exact: true }).waitFor();
    // Scheduled knowingly without one, the round says so beside its controls.
    await form.getByLabel('Deadline (optional)').fill('');
    await form.getByRole('button', { name: 'Schedule the round without a deadline' }).click();
    const rounds = page.getByRole('region', { name: 'Rounds' });
    await rounds.getByText(/^Round 1 is scheduled and opens by itself on /).waitFor();
    await rounds.getByText(warning).waitFor();
    await screenshot(page, 'rounds-scheduled-no-deadline', { fullPage: false });
    const [row] = await app.t.db.query(`SELECT status, closes_at FROM rounds WHERE consultation_id = $1`, [
      consultation.id,
    ]);
    expect(row).toEqual({ status: 'scheduled', closes_at: null });
    await rounds.getByRole('textbox', { name: 'Deadline', exact: true }).fill(closesAt);
    await rounds.getByRole('button', { name: 'Save dates' }).click();
    await expect.poll(() => rounds.getByText(warning).count()).toBe(0);
  });

  it('says what the round in the way needs before the next can be scheduled: opening, or closing', async () => {
    const { consultation } = await createConsultation(app.t, { title: 'One round at a time' });
    const round = await createRound(app.t, consultation.id, { status: 'scheduled', openedAt: null });
    const page = await app.openPage(`/console/consultations/${consultation.id}`, {
      as: sec.user,
      viewport: { width: 1280, height: 900 },
    });
    const rounds = page.getByRole('region', { name: 'Rounds' });
    await rounds
      .getByText(
        'Round 1 is scheduled: open it when it is ready. The next round can be scheduled once it has closed.',
      )
      .waitFor();
    expect(await rounds.getByText(/close the current round/i).count()).toBe(0);
    await screenshot(page, 'rounds-console-scheduled');

    // Given a date to open at, it says when it opens by itself.
    const opensAt = new Date(Date.now() + 2 * 24 * 3600_000);
    await app.t.db.query(`UPDATE rounds SET opens_at = $2 WHERE id = $1`, [round.id, opensAt]);
    await page.reload();
    await rounds
      .getByText(/^Round 1 is scheduled and opens by itself on .+\. The next round can be/)
      .waitFor();

    await page.getByRole('button', { name: 'Open round 1 now…' }).click();
    await page.getByRole('button', { name: 'Open round 1 without a deadline' }).click();
    await rounds.getByText('Round 1 is open: close it before scheduling the next one.').waitFor();
  });

  it('says that a consultation has no options yet, in the console and on its public page, and no empty round panels', async () => {
    const admin = await secContext.newPage();
    await admin.goto(`${app.t.url}/console`);
    await admin.getByLabel('Title').fill('A question still taking shape');
    await admin.getByLabel('Question put to stakeholders').fill('What should we ask?');
    await admin.getByRole('button', { name: 'Create the consultation' }).click();
    await admin.getByRole('heading', { name: 'A question still taking shape' }).waitFor();
    const consultationId = /\/console\/consultations\/([0-9a-f-]{36})/.exec(admin.url())![1];
    const editor = admin.getByRole('region', { name: 'Options' });
    await editor.getByText('No options yet. Add the first one below.').waitFor();
    await screenshot(admin, 'rounds-console-no-options');

    const viewer = await viewerContext.newPage();
    await viewer.goto(`${app.t.url}/consultations/${consultationId}`);
    const options = viewer.getByRole('region', { name: 'Options' });
    await options.getByText('The options have not been set out yet.').waitFor();
    expect(await options.getByRole('listitem').count()).toBe(0);
    // No round yet: no comments or positions tabs over empty panels.
    await viewer.getByText('No round has been scheduled yet.').waitFor();
    expect(await viewer.getByRole('tab').count()).toBe(0);
    await screenshot(viewer, 'rounds-public-no-options');

    // The first option replaces the sentence, on both pages.
    await admin.getByLabel('New option').fill('Ask the Council');
    await admin.getByRole('button', { name: 'Add option' }).click();
    await options.getByText('Ask the Council').waitFor({ timeout: 10_000 });
    expect(await options.getByText('The options have not been set out yet.').count()).toBe(0);
    // The console refetches once the server has answered; the viewer may hear of the option first.
    await expect.poll(() => editor.getByText('No options yet. Add the first one below.').count()).toBe(0);
    await admin.close();
    await viewer.close();
  });

  it('shows the console in Arabic, right to left', async () => {
    const page = await secContext.newPage();
    await page.goto(`${app.t.url}/console`);
    await page.getByRole('combobox').first().selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('heading', { name: 'لوحة تحكم الأمانة' }).waitFor();
    await screenshot(page, 'rounds-console-ar');
    await page.getByRole('combobox').first().selectOption('en');
  });
});
