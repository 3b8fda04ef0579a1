import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Organisation } from '../server/modules/organisations/organisation.entity.js';
import { User } from '../server/modules/users/user.entity.js';
import { screenshot, useBrowserApp } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { PASSWORD, createConsultation, createUser } from './helpers/factories.js';

describe.skipIf(!hasChromium())('Identity in the browser', () => {
  const app = useBrowserApp();
  const email = `amina-${Date.now()}@example.org`;
  const password = 'a memorable sentence here';

  const signedInAs = (page: Page) => page.getByTestId('signed-in-as');

  async function signIn(page: Page, address: string, pass: string) {
    await page.goto(`${app.t.url}/signin`);
    await page.getByLabel('Email').fill(address);
    await page.getByLabel('Password').fill(pass);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  it('signs up, proposes an organisation, signs out and signs in again; the secretariat verifies it live', async () => {
    const { consultation } = await createConsultation(app.t, { title: 'Internet issues group' });
    const user = await app.openPage('/');
    await user.getByRole('link', { name: 'Create an account' }).click();
    await user.getByLabel('Name shown to others').fill('Amina Kariuki');
    await user.getByLabel('Email').fill(email);
    await user.getByLabel('Password').fill(password);
    await user.getByLabel('Stakeholder group').selectOption('civil_society');
    await user.getByLabel('ITU region').selectOption('africa');
    await screenshot(user, 'identity-signup');
    await user.getByRole('button', { name: 'Create my account' }).click();

    await expect.poll(() => signedInAs(user).textContent()).toBe('Signed in as Amina Kariuki');
    await user.getByRole('heading', { name: 'Your profile' }).waitFor();
    await user.getByText('You take part in a personal capacity.').waitFor();

    // Propose an organisation: it waits for the secretariat.
    const propose = user.getByRole('form', { name: 'Propose an organisation' });
    await propose.getByLabel('Name of the organisation').fill('Kenya ICT Action Network');
    await propose.getByLabel('Stakeholder group').selectOption('civil_society');
    await propose.getByLabel('ITU membership').selectOption('non_member');
    await propose.getByLabel('Country').fill('ke');
    await propose.getByLabel('ITU region').selectOption('africa');
    await propose.getByRole('button', { name: 'Propose' }).click();
    await user
      .getByText(
        'You are a focal point; you will speak for this organisation once the secretariat verifies it.',
      )
      .waitFor();
    await screenshot(user, 'identity-profile-pending');

    // Sign out, then back in.
    await user.getByRole('button', { name: 'Sign out' }).click();
    await user.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(await signedInAs(user).count()).toBe(0);
    await screenshot(user, 'identity-signed-out');

    await signIn(user, email, 'a wrong password!');
    await user.getByRole('alert').waitFor();
    expect(await user.getByRole('alert').textContent()).toBe('The email or password is not correct.');
    await screenshot(user, 'identity-signin-wrong');
    await user.getByLabel('Password').fill(password);
    await user.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => signedInAs(user).textContent()).toBe('Signed in as Amina Kariuki');
    await user.goto(`${app.t.url}/profile`);
    await user.getByText('Awaiting verification').first().waitFor();

    // The secretariat verifies the organisation in another browser.
    const sec = await createUser(app.t, { platformRole: 'secretariat', displayName: 'Secretariat Officer' });
    const secPage = await (await app.newContext()).newPage();
    secPage.setDefaultTimeout(8000);
    await signIn(secPage, sec.user.email, PASSWORD);
    await expect.poll(() => signedInAs(secPage).textContent()).toBe('Signed in as Secretariat Officer');
    await secPage.getByRole('link', { name: 'Administration' }).click();
    await secPage.getByRole('heading', { name: 'Organisations' }).waitFor();
    await secPage.getByText('1 organisation awaits verification.').waitFor();
    await screenshot(secPage, 'identity-admin-before-verify');
    await secPage.getByRole('button', { name: 'Verify Kenya ICT Action Network' }).click();
    await secPage
      .getByRole('button', { name: 'Withdraw the verification of Kenya ICT Action Network' })
      .waitFor();
    const org = await app.t.db
      .getRepository(Organisation)
      .findOneByOrFail({ name: 'Kenya ICT Action Network' });
    await secPage.getByRole('button', { name: 'Members of Kenya ICT Action Network' }).click();
    await secPage.getByRole('listitem').filter({ hasText: 'Amina Kariuki' }).waitFor();
    expect(org).toMatchObject({ verified: true, country: 'KE' });

    // The focal point's open page learns it at once (access.changed over socket.io), without a reload.
    await user
      .getByText('You are a focal point: you speak for this organisation.')
      .waitFor({ timeout: 5000 });
    await screenshot(user, 'identity-profile-verified');

    // The secretariat makes the newcomer an observer of a consultation.
    await secPage.getByRole('combobox', { name: /^Consultation/ }).selectOption(consultation.id);
    await secPage.getByLabel('Find a person').fill('Amina');
    await secPage
      .getByRole('combobox', { name: /^Person/ })
      .selectOption({ label: `Amina Kariuki — ${email}` });
    // A new search that no longer shows her leaves nobody picked: "Assign" cannot give the role to someone
    // the form does not show. Searching for her again shows her picked still.
    const assign = secPage.getByRole('button', { name: 'Assign' });
    await secPage.getByLabel('Find a person').fill('Nobody by this name');
    await expect.poll(() => assign.isDisabled()).toBe(true);
    await secPage.getByLabel('Find a person').fill('Amina');
    await expect.poll(() => assign.isEnabled()).toBe(true);
    await secPage
      .getByRole('form', { name: 'Give someone a role' })
      .getByLabel('Role')
      .selectOption('observer');
    await secPage.getByRole('button', { name: 'Assign' }).click();
    await secPage.getByRole('button', { name: 'Remove the role of Amina Kariuki' }).waitFor();
    await screenshot(secPage, 'identity-admin-roles');

    // As the organisation's admin, Amina makes a colleague who joined a focal point too.
    const colleague = await createUser(app.t, { displayName: 'Otieno Colleague', organisationId: org.id });
    await user.reload();
    const row = user.getByRole('listitem').filter({ hasText: 'Otieno Colleague' });
    // The box follows the server's answer, so it turns checked once the change is stored, not at the click.
    const focal = row.getByRole('checkbox', { name: 'Focal point' });
    await focal.click();
    await expect.poll(() => focal.isChecked()).toBe(true);
    await expect
      .poll(
        async () =>
          (await app.t.db.getRepository(User).findOneByOrFail({ id: colleague.user.id })).isFocalPoint,
      )
      .toBe(true);
    await screenshot(user, 'identity-profile-members');
  });

  it('lets the admin manage platform roles, and shows the profile right to left in Arabic', async () => {
    const admin = await createUser(app.t, { platformRole: 'admin', displayName: 'Platform Admin' });
    await createUser(app.t, { displayName: 'Future Secretariat' });
    const page = await (await app.newContext()).newPage();
    await signIn(page, admin.user.email, PASSWORD);
    await expect.poll(() => signedInAs(page).textContent()).toBe('Signed in as Platform Admin');
    await page.goto(`${app.t.url}/admin`);
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Organisations' }).count()).toBe(0);
    await page.getByLabel('Platform role of Future Secretariat').selectOption('secretariat');
    await expect
      .poll(() => page.getByLabel('Platform role of Future Secretariat').inputValue())
      .toBe('secretariat');
    expect(await page.getByLabel('Platform role of Platform Admin').isDisabled()).toBe(true);
    await screenshot(page, 'identity-admin-accounts');

    await page.goto(`${app.t.url}/profile`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('heading', { name: 'ملفك الشخصي' }).waitFor();
    await screenshot(page, 'identity-profile-ar');
  });
});
