import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, TALL_DESKTOP, closingAsks, screenshot, useBrowserApp } from './helpers/browser.js';
import { Consultation } from '../server/modules/consultations/consultation.entity.js';
import { hasChromium } from './helpers/environment.js';
import { createConsultation, createOrganisation, createRound, createUser } from './helpers/factories.js';

describe.skipIf(!hasChromium())('Positions in the browser', () => {
  const app = useBrowserApp();

  it("shows one stakeholder's new position in another viewer's chart without a reload", async () => {
    const { consultation, options } = await createConsultation(
      app.t,
      { title: 'Where should the group sit?', question: 'Which home for the group?' },
      ['A subgroup of the Council Working Group', 'An ITU-T focus group', 'An ITU-T study group'],
    );
    await createRound(app.t, consultation.id);
    const org = await createOrganisation(app.t, {
      name: 'Ministry of Digital Affairs',
      stakeholderGroup: 'government',
      membership: 'member_state',
      region: 'africa',
      country: 'KE',
    });
    const focal = await createUser(app.t, {
      displayName: 'Amina Focal',
      organisationId: org.id,
      isFocalPoint: true,
    });
    const path = `/consultations/${consultation.id}`;

    const speaker = await app.openPage(path, { viewport: TALL_DESKTOP, as: focal.user });
    const viewer = await app.openPage(path, { viewport: TALL_DESKTOP });
    // The options panel shares the column beside the draft with the comments, as a tab.
    for (const page of [speaker, viewer]) await page.getByRole('tab', { name: 'Positions' }).click();

    const viewerChart = viewer.getByTestId(`chart-${options[1].id}`);
    const viewerTotal = viewer.getByTestId(`total-${options[1].id}`);
    // Nobody has taken a position yet: the chart says so in a sentence, with no empty bar nor table of zeros.
    await viewerChart.getByText('No positions yet.').waitFor();
    expect(await viewerChart.getByRole('img').count()).toBe(0);
    expect(await viewerChart.getByText('Show the figures as a table').count()).toBe(0);
    expect(await viewerChart.innerText()).not.toMatch(/\b0\b/);
    // Nor rationales to read, nor filters over an empty list.
    const chartCard = viewer.getByRole('listitem').filter({ has: viewerChart });
    expect(await chartCard.getByText('Read the rationales').count()).toBe(0);
    await screenshot(viewer, 'positions-chart-empty', { fullPage: false });

    // The focal point speaks for the ministry on the second option, with the keyboard.
    await speaker.getByRole('button', { name: 'Take a position' }).nth(1).click();
    const form = speaker.getByRole('form', { name: `Your position on ${options[1].label}` });
    await form.getByRole('radio', { name: /For Ministry of Digital Affairs/ }).waitFor();
    await form.getByRole('radio', { name: /^Support with changes/ }).focus();
    await speaker.keyboard.press('Space');
    expect(await form.getByRole('radio', { name: /^Support with changes/ }).isChecked()).toBe(true);
    await form.getByRole('textbox').fill('A focus group first, with a clear mandate and a sunset clause.');
    await form.getByRole('checkbox', { name: 'This is my preferred option' }).check();
    await form.getByRole('button', { name: 'Save position' }).click();
    await form.getByText('Your position is saved.').waitFor();

    // The anonymous viewer's chart moves by itself, with no reload. How fast is for `npm run bench` (positions)
    // to measure: the timeout only bounds a failure, on a machine that may be busy.
    await expect.poll(() => viewerTotal.textContent(), { timeout: 3000, interval: 25 }).toBe('1');
    const totalBar = viewer
      .getByTestId(`chart-${options[1].id}`)
      .getByRole('img', { name: /^All: Support 0, Support with changes 1, Neutral 0, Oppose 0$/ });
    expect(await totalBar.count()).toBe(1);
    expect(
      await viewer
        .getByTestId(`chart-${options[1].id}`)
        .getByRole('img', { name: /^Government:/ })
        .count(),
    ).toBe(1);
    await screenshot(speaker, 'positions-speaker');
    await screenshot(viewer, 'positions-viewer');

    // Switch the viewer to the region breakdown and the people currency: the organisation does not count there.
    await viewer.getByRole('radio', { name: 'Region' }).check();
    expect(
      await viewer
        .getByTestId(`chart-${options[1].id}`)
        .getByRole('img', { name: /^Africa:/ })
        .count(),
    ).toBe(1);
    await viewer.getByRole('radio', { name: 'People' }).check();
    await viewerChart.getByText('No positions yet.').waitFor();
    expect(await viewerChart.getByRole('img').count()).toBe(0);

    // The table alternative carries the same figures.
    await viewer.getByRole('radio', { name: 'Organisations' }).check();
    await viewer.getByTestId(`chart-${options[1].id}`).getByText('Show the figures as a table').click();
    const table = viewer.getByTestId(`chart-${options[1].id}`).getByRole('table');
    expect(await table.getByRole('row', { name: /Africa/ }).textContent()).toContain('1');
    await screenshot(viewer, 'positions-viewer-table');

    // The rationales list names who said what, with the rationale.
    await chartCard.getByText('Read the rationales').click();
    await chartCard.getByText('A focus group first, with a clear mandate and a sunset clause.').waitFor();
    expect(await chartCard.getByText('Ministry of Digital Affairs').count()).toBeGreaterThan(0);
    await screenshot(viewer, 'positions-viewer-rationales');

    await speaker.context().close();
    await viewer.context().close();
  });

  it('keeps what a focal point typed when they switch capacity or collapse the form', async () => {
    const { consultation, options } = await createConsultation(app.t, { title: 'Drafts survive' });
    await createRound(app.t, consultation.id);
    const org = await createOrganisation(app.t, { name: 'Digital Ministry', membership: 'member_state' });
    const focal = await createUser(app.t, { organisationId: org.id, isFocalPoint: true });
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await app.openPage(`/consultations/${consultation.id}`, { viewport, as: focal.user });
      await page.getByRole('tab', { name: 'Positions' }).click();
      const toggle = page.getByRole('button', { name: 'Take a position' }).first();
      await toggle.click();
      const form = page.getByRole('form', { name: `Your position on ${options[0].label}` });
      const forOrg = form.getByRole('radio', { name: 'For Digital Ministry' });
      const personal = form.getByRole('radio', { name: 'In my own name' });
      await form.getByRole('radio', { name: /^Oppose/ }).check();
      await form.getByRole('textbox').fill('The ministry prefers a study group.');

      // In one's own name the form starts empty; back for the organisation, the draft is there.
      await personal.check();
      expect(await form.getByRole('textbox').inputValue()).toBe('');
      await form.getByRole('textbox').fill('Personally, I could live with it.');
      await forOrg.check();
      expect(await form.getByRole('textbox').inputValue()).toBe('The ministry prefers a study group.');
      expect(await form.getByRole('radio', { name: /^Oppose/ }).isChecked()).toBe(true);

      // Collapsing and reopening keeps both drafts.
      await toggle.click();
      expect(await form.isVisible()).toBe(false);
      await toggle.click();
      expect(await form.getByRole('textbox').inputValue()).toBe('The ministry prefers a study group.');
      await personal.check();
      expect(await form.getByRole('textbox').inputValue()).toBe('Personally, I could live with it.');
      await screenshot(page, `positions-draft-kept-${viewport.width}`);

      // Leaving the page with unsaved text asks first; staying keeps it.
      expect(await closingAsks(page)).toBe(true);
      expect(page.isClosed()).toBe(false);
      expect(await form.getByRole('textbox').inputValue()).toBe('Personally, I could live with it.');
      await page.context().close();
    }
  });

  it("marks the rationale the server refused, in the reader's language", async () => {
    const { consultation, options } = await createConsultation(app.t, {
      title: 'Limite',
      rationaleMaxLength: 200,
    });
    await createRound(app.t, consultation.id);
    const person = await createUser(app.t);
    const page = await app.openPage(`/consultations/${consultation.id}`, {
      viewport: DESKTOP,
      lang: 'fr',
      as: person.user,
    });
    await page.getByRole('tab', { name: 'Positions' }).click();
    await page.getByRole('button', { name: 'Prendre position' }).first().click();
    const form = page.getByRole('form', { name: `Votre position sur ${options[0].label}` });
    await form.getByRole('radio', { name: /^Pour/ }).first().check();
    const rationale = form.getByRole('textbox');
    await rationale.fill('Une justification de trente caractères.');
    // The secretariat lowers the limit while the page is open: the server refuses, the form says why.
    await app.t.db.getRepository(Consultation).update(consultation.id, { rationaleMaxLength: 10 });
    await form.getByRole('button', { name: 'Enregistrer la position' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toBe('Veuillez corriger les champs signalés.');
    expect(await rationale.getAttribute('aria-invalid')).toBe('true');
    await form.getByText('Au plus 10 caractères.').waitFor();
    expect(await form.textContent()).not.toMatch(/characters|rationale:/);
    await screenshot(page, 'positions-field-error-fr');
    await page.context().close();
  });

  it('reads in Arabic, right to left', async () => {
    const { consultation } = await createConsultation(app.t, { title: 'مشاورة' });
    await createRound(app.t, consultation.id);
    const page = await app.openPage(`/consultations/${consultation.id}`, {
      locale: 'ar',
      viewport: { width: 1280, height: 900 },
      lang: 'ar',
    });
    await page.getByRole('tab', { name: 'المواقف' }).click();
    await page.getByRole('heading', { name: 'مواقف أصحاب المصلحة' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('radio', { name: 'المنطقة' }).waitFor();
    expect(await page.getByRole('radio', { name: 'المنطقة' }).count()).toBe(1);
    await screenshot(page, 'positions-ar');
    await page.context().close();
  });
});
