import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { PASSWORD, createConsultation, createRound, createUser } from './helpers/factories.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium())('Sign-in and sign-up forms in the browser', () => {
  const app = useBrowserApp();

  async function newPage(viewport = DESKTOP, lang?: string): Promise<Page> {
    const page = await (await app.browser.newContext({ viewport })).newPage();
    page.setDefaultTimeout(8000);
    if (lang) await page.addInitScript(`localStorage.setItem('consulta.lang', '${lang}')`);
    return page;
  }
  const signedInAs = (page: Page) => page.getByTestId('signed-in-as');

  it('brings a reader who signs in to comment back to the consultation they came from', async () => {
    const { consultation } = await createConsultation(app.t, { title: 'Where should the group sit?' });
    await createRound(app.t, consultation.id);
    const { user } = await createUser(app.t, { displayName: 'Returning Reader' });
    const url = `${app.t.url}/consultations/${consultation.id}`;

    const page = await newPage();
    await page.goto(url);
    await page.getByRole('link', { name: 'Sign in to comment.' }).waitFor();
    await screenshot(page, 'identity-forms-sign-in-to-comment');
    await page.getByRole('link', { name: 'Sign in to comment.' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => signedInAs(page).textContent()).toBe('Signed in as Returning Reader');
    await expect.poll(() => page.url()).toBe(url);
    await page.getByRole('heading', { name: 'Where should the group sit?' }).waitFor();
    await screenshot(page, 'identity-forms-returned');
    await page.context().close();
  });

  it('brings a newcomer who signs up to take a position back to the consultation', async () => {
    const { consultation } = await createConsultation(app.t, { title: 'Which home for the group?' });
    await createRound(app.t, consultation.id);
    const url = `${app.t.url}/consultations/${consultation.id}`;

    const page = await newPage(PHONE);
    await page.goto(url);
    await page.getByRole('tab', { name: 'Positions' }).click();
    await page.getByRole('link', { name: 'Sign in to take a position.' }).click();
    await screenshot(page, 'identity-forms-signin-phone');
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name shown to others').fill('New Stakeholder');
    await page.getByLabel('Email').fill(`newcomer-${Date.now()}@example.org`);
    await page.getByLabel('Password').fill('a memorable sentence here');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await expect.poll(() => page.url()).toBe(url);
    await page.getByRole('heading', { name: 'Which home for the group?' }).waitFor();
    await page.context().close();
  });

  it('never sends anyone off the site after sign-in, whatever the link says', async () => {
    const { user } = await createUser(app.t);
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const page = await newPage();
      await page.goto(`${app.t.url}/signin?next=${encodeURIComponent(next)}`);
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect.poll(() => signedInAs(page).count()).toBe(1);
      await expect.poll(() => page.url()).toBe(`${app.t.url}/`);
      await page.context().close();
    }
  });
});
