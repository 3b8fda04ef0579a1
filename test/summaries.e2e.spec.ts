import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, screenshot, useBrowserApp } from './helpers/browser.js';
import { IN_CI, hasChromium } from './helpers/environment.js';
import {
  createConsultation,
  createRound,
  createUser,
  grantRole,
  type SignedInUser,
} from './helpers/factories.js';
import { putPosition } from './helpers/positions.js';
import { seedDiscussedRound, type SummaryFixture } from './helpers/summaries.js';

/** poppler's pdftoppm renders the printed PDF to PNG so that people can look at it (CI installs poppler-utils). */
const hasPdftoppm = () => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!hasChromium())('the chairs’ summary and the archive in the browser', () => {
  const app = useBrowserApp();
  let f: SummaryFixture;
  const errors: string[] = [];

  beforeAll(async () => {
    f = await seedDiscussedRound(app.t, { close: true });
  });

  const pageAs = (user: SignedInUser | null, path: string) =>
    app.openPage(path, {
      viewport: { width: 1200, height: 900 },
      as: user?.user,
      beforeOpening: (page) => page.on('pageerror', (e) => errors.push(e.message)),
    });

  const editorText = (page: Page) => page.locator('.summary-content').innerText();

  it('two chairs write the summary at once from the digest, cite a comment and publish it', async () => {
    const path = `/consultations/${f.consultationId}/rounds/1/summary`;
    // Chair one comes from the consultation page, where each round links to its summary workspace.
    const one = await pageAs(f.chair, `/consultations/${f.consultationId}`);
    await one.getByRole('link', { name: 'Summary', exact: true }).click();
    await one.waitForURL(`**${path}`);
    const two = await pageAs(f.chair2, path);
    for (const page of [one, two])
      await page.getByText('You are editing with the other chairs').waitFor({ timeout: 15_000 });

    await one.getByRole('button', { name: 'Start from the digest' }).click();
    await expect.poll(() => editorText(one)).toContain('Digest of round 1');
    // The other chair sees it live, and the digest button is gone for both (the summary is no longer empty).
    await expect.poll(() => editorText(two), { timeout: 10_000 }).toContain('Digest of round 1');
    await expect.poll(() => two.getByRole('button', { name: 'Start from the digest' }).count()).toBe(0);
    expect(await editorText(one)).toContain('Civil society: mostly opposed; Governments: mostly in support');

    // Both type at the same time: chair one in the middle, chair two at the end with a citation.
    await one.locator('.summary-content h3', { hasText: 'Participation' }).click();
    await one.keyboard.press('End');
    await one.keyboard.press('Enter');
    await one.keyboard.type('Draft for review.');
    await two.locator('.summary-content').click();
    await two.keyboard.press('Control+End');
    await two.keyboard.press('Enter');
    await two.keyboard.type('The Council route was defended as the right level of oversight ');
    await two.getByLabel('Search positions and comments').fill('oversight');
    await two.getByRole('button', { name: 'Search', exact: true }).click();
    await two.locator(`button[data-citation-id="${f.comments.govOnReports}"]`).click();

    for (const page of [one, two]) {
      await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain('Draft for review.');
      await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain('right level of oversight');
      await expect
        .poll(() => page.locator(`.summary-content [data-citation-id="${f.comments.govOnReports}"]`).count())
        .toBe(1);
    }
    await screenshot(two, 'summary-workspace');

    await one.getByRole('button', { name: 'Publish version 1…' }).click();
    await one.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await one.getByRole('link', { name: 'Version 1' }).waitFor();
    // The other chair's list follows live.
    await two.getByRole('link', { name: 'Version 1' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => two.getByRole('button', { name: 'Publish version 2…' }).count()).toBe(1);
  });

  it('a reader finds the summary in the archive, clicks the citation, sees the quoted comment; it prints cleanly', async () => {
    const page = await pageAs(null, '/');
    await page.getByRole('link', { name: 'Archive' }).click();
    await page.getByRole('heading', { name: 'Where should the group sit?' }).waitFor();
    await screenshot(page, 'archive-list');
    await page.getByRole('link', { name: 'Round 1' }).click();
    await page.getByRole('heading', { name: 'Summary, version 1' }).waitFor();

    await page.locator(`.summary-body a.citation[data-citation-id="${f.comments.govOnReports}"]`).click();
    const popover = page.getByRole('dialog', { name: 'Cited comment' });
    await popover.waitFor();
    expect(await popover.locator('blockquote').innerText()).toBe(
      'Yearly reporting to the Council is the right level of oversight.',
    );
    expect(await popover.innerText()).toContain('Grace Gov, Ministry of Digital Affairs (Governments)');
    await screenshot(page, 'archive-citation');
    await popover.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Verify now' }).click();
    await page
      .getByText('Verified: the round’s content today matches the digest sealed at closing.')
      .waitFor();
    expect(await page.locator('.draft-record').innerText()).toContain('Article 2. Every stakeholder group');
    expect(await page.content()).not.toContain('SPAM-HIDDEN-BODY');
    await screenshot(page, 'archive-round');

    // A download streams with a progress bar, then saves the file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Full record (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('round-1.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      formatVersion: number;
      comments: unknown[];
    };
    expect(exported.formatVersion).toBe(1);
    expect(exported.comments).toHaveLength(5);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const pdfPath = join(SCREENSHOT_DIR, 'summary-print.pdf');
    writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: false }));
    expect(existsSync(pdfPath)).toBe(true);
    if (hasPdftoppm()) {
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '2',
        pdfPath,
        join(SCREENSHOT_DIR, 'summary-print'),
      ]);
      const text = execFileSync('pdftotext', [pdfPath, '-']).toString();
      // The printed document is the summary with its references, without the page's controls.
      expect(text).toContain('Digest of round 1');
      expect(text).toContain('Yearly reporting to the Council is the right level of oversight.');
      expect(text).not.toContain('Verify now');
      expect(text).not.toContain('Downloads');
    } else if (IN_CI) {
      throw new Error('poppler-utils (pdftoppm, pdftotext) is required in CI to read the printed summary');
    } else {
      console.warn('NOT RUN: poppler-utils is missing; the printed PDF was written but not read back.');
    }
    // The same page in Arabic reads right to left.
    await page.locator('.language-switcher select').selectOption('ar');
    await page.getByRole('heading', { name: 'الملخص، النسخة 1' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await screenshot(page, 'archive-round-ar');
    expect(errors).toEqual([]);
  });
  it('the digest says in a sentence that nobody has taken a position on an option, instead of a row of zeros', async () => {
    const t = app.t;
    const { consultation, options } = await createConsultation(t, { title: 'A quiet question' }, [
      'The option someone took',
      'The option nobody took',
    ]);
    const chair = await createUser(t, { displayName: 'Quiet Chair' });
    await grantRole(t, consultation.id, chair.user.id, 'chair');
    const round = await createRound(t, consultation.id);
    const taken = await putPosition(t, f.academic.auth, round.id, options[0].id, {
      stance: 'neutral',
      capacity: 'personal',
    });
    expect(taken.status).toBe(200);

    const page = await pageAs(chair, `/consultations/${consultation.id}/rounds/1/summary`);
    const digest = page.locator('.digest-panel');
    const option = (label: string) => digest.locator('li', { hasText: label });
    await option('The option nobody took').getByText('No positions on this option yet.').waitFor();
    expect(await option('The option nobody took').innerText()).not.toMatch(/\b0\b/);
    expect(await option('The option someone took').innerText()).toContain('Neutral 1');
    // Nobody has discussed a passage either: a sentence says so, under its heading, instead of an empty list.
    await digest.getByText('No passage has been discussed yet.').waitFor();
    expect(await digest.locator('ol').count()).toBe(0);
    await screenshot(page, 'summary-digest-no-positions');

    // The digest written into the summary says the same.
    await page.getByText('You are editing with the other chairs').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Start from the digest' }).click();
    await expect
      .poll(() => editorText(page))
      .toMatch(/The option nobody took\s+No positions on this option yet\./);
    expect(await editorText(page)).toContain('Neutral 1');

    // In French, the sentence is French.
    await page.locator('.language-switcher select').selectOption('fr');
    await option('The option nobody took')
      .getByText('Aucune position sur cette option pour l’instant.')
      .waitFor();
    // Once the round is closed, nobody will: the sentence says so without "yet".
    await request(t.url).post(`/api/rounds/${round.id}/close`).set('Authorization', f.sec.auth).expect(200);
    await page.reload();
    await option('The option nobody took')
      .getByText('Personne n’a pris position sur cette option.')
      .waitFor();
    expect(errors).toEqual([]);
  });
});
