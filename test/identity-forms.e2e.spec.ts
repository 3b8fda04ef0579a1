import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, hasFocus, screenshot, useBrowserApp } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { PASSWORD, createConsultation, createRound, createUser } from './helpers/factories.js';

describe.skipIf(!hasChromium())('Sign-in and sign-up forms in the browser', () => {
  const app = useBrowserApp();

  const openPage = (path: string, viewport = DESKTOP, lang?: string) =>
    app.openPage(path, { viewport, lang, timeout: 8000 });
  const signedInAs = (page: Page) => page.getByTestId('signed-in-as');
  /** The text an input's aria-describedby points at, as a screen reader says it after the label. */
  const accessibleDescription = (input: Locator) =>
    input.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim(),
    );

  it('brings a reader who signs in to comment back to the consultation they came from', async () => {
    const { consultation } = await createConsultation(app.t, { title: 'Where should the group sit?' });
    await createRound(app.t, consultation.id);
    const { user } = await createUser(app.t, { displayName: 'Returning Reader' });
    const url = `${app.t.url}/consultations/${consultation.id}`;

    const page = await openPage(`/consultations/${consultation.id}`);
    await page.getByRole('link', { name: 'Sign in to comment.' }).waitFor();
    // The tab says which consultation and round this is.
    await expect.poll(() => page.title()).toBe('Round 1 · Where should the group sit? · Consulta');
    await screenshot(page, 'identity-forms-sign-in-to-comment');
    await page.getByRole('link', { name: 'Sign in to comment.' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in · Consulta');
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

    const page = await openPage(`/consultations/${consultation.id}`, PHONE);
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
      const page = await openPage(`/signin?next=${encodeURIComponent(next)}`);
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect.poll(() => signedInAs(page).count()).toBe(1);
      await expect.poll(() => page.url()).toBe(`${app.t.url}/`);
      await page.context().close();
    }
  });

  it('marks the fields a French newcomer must fix, in French, and says a taken address plainly', async () => {
    const taken = await createUser(app.t);
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await openPage('/signup', viewport, 'fr');
      await page.getByLabel('Nom affiché aux autres').fill('Amina');
      await page.getByLabel('Adresse électronique').fill('pas-une-adresse');
      await page.getByLabel('Mot de passe').fill('court');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toBe('Veuillez corriger les champs signalés.');
      const email = page.getByLabel('Adresse électronique');
      const password = page.getByLabel('Mot de passe');
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      expect(await password.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Nom affiché aux autres').getAttribute('aria-invalid')).toBeNull();
      // The first field to fix has focus, so the next keystroke fixes it.
      expect(await hasFocus(email)).toBe(true);
      // Each message sits by its field and is read out with it.
      expect(await accessibleDescription(email)).toContain(
        'Saisissez une adresse électronique, par exemple nom@exemple.org.',
      );
      expect(await accessibleDescription(password)).toContain('Au moins 10 caractères.');
      expect(await page.locator('main').textContent()).not.toMatch(/must be|valid email/);
      await screenshot(page, `identity-forms-signup-fields-fr-${viewport.width}`);

      await email.fill(taken.user.email);
      await password.fill('a memorable sentence here');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('Un compte existe déjà avec cette adresse électronique. Connectez-vous plutôt.');
      expect(await email.getAttribute('aria-invalid')).toBeNull();
      await page.context().close();
    }
  });

  it('tells a French reader with a wrong password just that, without talk of sessions', async () => {
    const { user } = await createUser(app.t);
    const page = await openPage('/signin', DESKTOP, 'fr');
    await expect.poll(() => page.title()).toBe('Se connecter · Consulta');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Mot de passe').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibleDescription(page.getByLabel('Mot de passe'))).toBe('Remplissez ce champ.');
    await page.getByLabel('Adresse électronique').fill(user.email);
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('L’adresse électronique ou le mot de passe est incorrect.');
    await screenshot(page, 'identity-forms-signin-wrong-fr');
    await page.context().close();
  });

  it('after a failed sign-in, focus goes to what to fix: the first field marked, else the message', async () => {
    const { user } = await createUser(app.t);
    const page = await openPage('/signin');
    const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('not the password');
    // From the keyboard, as people who cannot see where focus went do it.
    await signIn.press('Enter');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('The email or password is not correct.');
    // Neither field is said to be the wrong one (that would tell who has an account): the message has focus.
    await expect.poll(() => hasFocus(alert)).toBe(true);
    await screenshot(page, 'identity-forms-signin-wrong-focus', { fullPage: false });
    await page.keyboard.press('Tab');
    expect(await hasFocus(signIn)).toBe(true);

    await page.getByLabel('Email').fill('');
    await signIn.press('Enter');
    await expect.poll(() => page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => hasFocus(page.getByLabel('Email'))).toBe(true);
    await page.context().close();
  });

  it('after a failed profile save, focus goes to the first field to fix, each marked and said in French', async () => {
    const { user } = await createUser(app.t);
    const page = await app.openPage('/profile', { viewport: DESKTOP, lang: 'fr', as: user, timeout: 8000 });
    const form = page.getByRole('form', { name: 'Vos informations' });
    const name = form.getByLabel('Nom affiché aux autres');
    const country = form.getByLabel('Pays');
    const save = form.getByRole('button', { name: 'Enregistrer' });
    await name.fill('Amina <Ministère>');
    await country.fill('F1');
    await save.press('Enter');
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('Veuillez corriger les champs signalés.');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await country.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => hasFocus(name)).toBe(true);
    expect(await accessibleDescription(name)).toBe('Cette valeur n’est pas acceptée.');
    expect(await accessibleDescription(country)).toContain('Le format n’est pas celui attendu.');
    await screenshot(page, 'identity-forms-profile-fields-fr', { fullPage: false });

    // The name fixed, the country still wrong: focus goes to the country.
    await name.fill('Amina');
    await save.press('Enter');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => hasFocus(country)).toBe(true);
    await page.context().close();
  });
});
