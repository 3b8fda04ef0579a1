import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, signIn, useBrowserApp } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { createConsultation, createUser, type SignedInUser } from './helpers/factories.js';
import { roundsApi } from './helpers/rounds-client.js';

/**
 * Two secretariat members edit one consultation's settings at once. Each save sends only what its person
 * changed, and a save based on settings someone else has changed since is refused, saying so.
 */
describe.skipIf(!hasChromium())('Saving consultation settings side by side', () => {
  const app = useBrowserApp();
  let sam: SignedInUser;
  let sasha: SignedInUser;
  let samContext: BrowserContext;
  let sashaContext: BrowserContext;

  beforeAll(async () => {
    sam = await createUser(app.t, { platformRole: 'secretariat', displayName: 'Sam Secretariat' });
    sasha = await createUser(app.t, { platformRole: 'secretariat', displayName: 'Sasha Secretariat' });
    samContext = await app.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
    sashaContext = await app.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
    await signIn(samContext, app.t.url, sam.user);
    await signIn(sashaContext, app.t.url, sasha.user);
    // Sasha's page hears nothing live: their save goes out before news of Sam's could arrive, the race that the
    // version check is for (with live events, the page learns of the change before saving; see below).
    await sashaContext.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
    await sashaContext.route(/\/socket\.io\//, (route) => route.abort());
  });

  const settings = (page: Page) => page.getByRole('form', { name: 'Settings' });
  async function openConsole(context: BrowserContext, id: string) {
    const page = await context.newPage();
    await page.goto(`${app.t.url}/console/consultations/${id}`);
    await settings(page).getByLabel('Title').waitFor();
    return page;
  }

  it('refuses the later save, keeps its edits beside the values saved now, and saves them once asked again', async () => {
    const { consultation } = await createConsultation(app.t, {
      title: 'Where should the group sit?',
      question: 'Which home?',
      rationaleMaxLength: 800,
    });
    const api = roundsApi(app.t, sam.auth);
    const sashaPage = await openConsole(sashaContext, consultation.id);
    const samPage = await openConsole(samContext, consultation.id);

    // Someone changes the rationale limit (no field in the form) through the API; Sam's page hears of it.
    const samRefetched = samPage.waitForResponse(
      (r) => r.url().endsWith(`/api/consultations/${consultation.id}`) && r.request().method() === 'GET',
    );
    await api.updateConsultation(consultation.id, { rationaleMaxLength: 1500 }).expect(200);
    await samRefetched;
    // Sam changes the question and saves: the rest of what is stored stays as it is.
    await settings(samPage).getByLabel('Question put to stakeholders').fill('Which home, for Sam?');
    await settings(samPage).getByRole('button', { name: 'Save settings' }).click();
    await settings(samPage).getByText('Settings saved.').waitFor();
    expect((await api.getConsultation(consultation.id).expect(200)).body).toMatchObject({
      question: 'Which home, for Sam?',
      rationaleMaxLength: 1500,
    });

    // Sasha, on the page loaded before both changes, renames the consultation and saves: refused.
    const sashaForm = settings(sashaPage);
    await sashaForm.getByLabel('Title').fill('Sasha’s title');
    await sashaForm.getByLabel('Description').fill('Sasha’s description');
    await sashaForm.getByRole('button', { name: 'Save settings' }).click();
    const conflict = sashaForm.getByRole('alert');
    await conflict.getByText('Someone else changed these settings while you were editing them.').waitFor();
    // The current values are shown: Sam's question in its field, the saved title and description beside
    // Sasha's own edits, which stay in their fields.
    await expect
      .poll(() => sashaForm.getByLabel('Question put to stakeholders').inputValue())
      .toBe('Which home, for Sam?');
    expect(await sashaForm.getByLabel('Title').inputValue()).toBe('Sasha’s title');
    expect(await sashaForm.getByLabel('Description').inputValue()).toBe('Sasha’s description');
    await sashaForm.getByText('Saved now: Where should the group sit?').waitFor();
    await sashaForm.getByText('Saved now: (empty)').waitFor();
    expect(await sashaForm.getByText('Settings saved.').count()).toBe(0);
    const stored = (await api.getConsultation(consultation.id).expect(200)).body;
    expect(stored).toMatchObject({ title: 'Where should the group sit?', question: 'Which home, for Sam?' });
    await screenshot(sashaPage, 'settings-conflict');

    // Saving again applies Sasha's edits over the values now shown, and only those.
    await sashaForm.getByRole('button', { name: 'Save settings' }).click();
    await sashaForm.getByText('Settings saved.').waitFor();
    expect(await conflict.count()).toBe(0);
    expect((await api.getConsultation(consultation.id).expect(200)).body).toMatchObject({
      title: 'Sasha’s title',
      description: 'Sasha’s description',
      question: 'Which home, for Sam?',
      rationaleMaxLength: 1500,
    });
    // Sam's page, with nothing unsaved, follows live.
    await expect.poll(() => settings(samPage).getByLabel('Title').inputValue()).toBe('Sasha’s title');
  });

  it('tells a person with unsaved edits at once when someone else saves, and discards theirs when asked', async () => {
    const { consultation } = await createConsultation(app.t, { title: 'Live one', question: 'Which?' });
    const samPage = await openConsole(samContext, consultation.id);
    const samForm = settings(samPage);
    await samForm.getByLabel('Title').fill('Sam’s unsaved title');
    await roundsApi(app.t, sasha.auth)
      .updateConsultation(consultation.id, { title: 'Sasha’s saved title', question: 'Which, now?' })
      .expect(200);
    await samForm.getByText('Someone else changed these settings while you were editing them.').waitFor();
    await samForm.getByText('Saved now: Sasha’s saved title').waitFor();
    expect(await samForm.getByLabel('Question put to stakeholders').inputValue()).toBe('Which, now?');
    expect(await samForm.getByLabel('Title').inputValue()).toBe('Sam’s unsaved title');
    await samForm.getByRole('button', { name: 'Discard my changes' }).click();
    expect(await samForm.getByLabel('Title').inputValue()).toBe('Sasha’s saved title');
    expect(await samForm.getByRole('alert').count()).toBe(0);
  });
});
