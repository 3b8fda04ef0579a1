import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { createConsultation, createRound, createUser } from './helpers/factories.js';
import { seedDiscussedRound } from './helpers/summaries.js';
import { openThread } from './helpers/threads.js';
import { roundsApi } from './helpers/rounds-client.js';

describe.skipIf(!hasChromium())('A closed round’s public closing record, read in the browser', () => {
  const app = useBrowserApp();
  const viewport = { width: 1280, height: 900 };

  /** The record panel of round 1 on the consultation's public page, read anonymously. */
  async function recordPanel(consultationId: string, lang?: string) {
    const page = await app.openPage(`/consultations/${consultationId}`, { viewport, lang });
    const panel = page.locator('.closing-record');
    await panel.locator('code.digest').waitFor();
    await panel.locator('.record-count').first().waitFor();
    return { page, panel };
  }

  it('withholds nothing when nothing was hidden, and says plainly that account ids are not published', async () => {
    const sec = await createUser(app.t, { platformRole: 'secretariat' });
    const pat = await createUser(app.t, { displayName: 'Pat Participant' });
    const { consultation } = await createConsultation(app.t, { title: 'Nothing hidden here' });
    const round = await createRound(app.t, consultation.id);
    await openThread(app.t, pat.auth, round.id, {
      target: 'round',
      body: 'A comment anyone may read.',
    }).expect(201);
    await roundsApi(app.t, sec.auth).closeRound(round.id).expect(200);

    const { page, panel } = await recordPanel(consultation.id);
    // The thread and its comment: public, without their author's account id.
    await panel
      .getByText(
        'Account identifiers are not published. 2 items are public without them: the download marks them “redacted” and gives their hashes, so the digest can still be checked.',
      )
      .waitFor();
    expect(await panel.getByText(/withheld/).count()).toBe(0);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'closing-record-nothing-hidden', { fullPage: false });
  });

  it('counts as withheld only the hidden and the withdrawn comment, in English and in French', async () => {
    const f = await seedDiscussedRound(app.t, { close: true });
    const { page, panel } = await recordPanel(f.consultationId);
    await panel
      .getByText(
        '2 items are withheld from the public record (comments hidden by moderation or withdrawn by their authors, or a summary not yet published); their hashes stand in for them.',
      )
      .waitFor();
    // 4 threads, the 5 other comments and 6 positions are public but for their account ids.
    await panel
      .getByText(/^Account identifiers are not published\. 15 items are public without them/)
      .waitFor();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'closing-record-hidden-comment', { fullPage: false });

    const fr = await recordPanel(f.consultationId, 'fr');
    await fr.panel.getByText(/^2 éléments sont retenus hors du procès-verbal public/).waitFor();
    await fr.panel.getByText(/^Les identifiants de compte ne sont pas publiés\. 15 éléments/).waitFor();
    await fr.panel.scrollIntoViewIfNeeded();
    await screenshot(fr.page, 'closing-record-hidden-comment-fr', { fullPage: false });
  });
});
