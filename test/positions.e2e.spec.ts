import { describe, expect, it } from 'vitest';
import {
  DESKTOP,
  PHONE,
  TALL_DESKTOP,
  closingAsks,
  hasFocus,
  screenshot,
  useBrowserApp,
} from './helpers/browser.js';
import { Consultation } from '../server/modules/consultations/consultation.entity.js';
import { STAKEHOLDER_GROUPS, STANCES } from '../shared/domain.js';
import { hasChromium } from './helpers/environment.js';
import { createConsultation, createOrganisation, createRound, createUser } from './helpers/factories.js';
import { putPosition } from './helpers/positions.js';

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
    const chartCard = viewer.getByRole('listitem').filter({ has: viewerChart });
    await viewer.getByText('No one has taken a position in this round yet.').waitFor();

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

    // An option nobody has taken a position on, beside one that has them: its chart says so in a sentence,
    // with no empty bar nor table of zeros, and no rationales to read nor filters over an empty list.
    const emptyChart = viewer.getByTestId(`chart-${options[0].id}`);
    await emptyChart.getByText('No positions yet.').waitFor();
    expect(await emptyChart.getByRole('img').count()).toBe(0);
    expect(await emptyChart.getByText('Show the figures as a table').count()).toBe(0);
    expect(await emptyChart.innerText()).not.toMatch(/\b0\b/);
    const emptyCard = viewer.getByRole('listitem').filter({ has: emptyChart });
    expect(await emptyCard.getByText('Read the rationales').count()).toBe(0);
    await emptyCard.scrollIntoViewIfNeeded();
    await screenshot(viewer, 'positions-chart-empty', { fullPage: false });

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

  it('says once that nobody has taken a position, with no controls, until the first one arrives live', async () => {
    const { consultation, options } = await createConsultation(app.t, { title: 'Nobody has spoken' });
    const round = await createRound(app.t, consultation.id);
    const person = await createUser(app.t, { displayName: 'Pat Participant' });
    const path = `/consultations/${consultation.id}`;
    // A failure says what was missing, well before the test's own timeout.
    const participant = await app.openPage(path, { viewport: DESKTOP, as: person.user, timeout: 10_000 });
    const reader = await app.openPage(path, { viewport: DESKTOP, timeout: 10_000 });
    const hint = 'Be the first: choose “Take a position” under an option.';
    for (const page of [participant, reader]) {
      await page.getByRole('tab', { name: 'Positions' }).click();
      await page.getByText('No one has taken a position in this round yet.').waitFor();
      // Nothing to count, break down, filter or download: none of the controls that would act on nothing.
      for (const control of ['Count', 'Break down by', 'Show'])
        expect(await page.getByRole('group', { name: control, exact: true }).count()).toBe(0);
      expect(await page.getByRole('radio', { name: 'Region' }).count()).toBe(0);
      expect(await page.getByRole('list', { name: 'Stances' }).count()).toBe(0);
      expect(await page.getByText('Each organisation counts once').count()).toBe(0);
      expect(await page.getByText('Download positions (CSV)').count()).toBe(0);
      // One sentence for the round, not one per option.
      expect(await page.getByText('No positions yet.').count()).toBe(0);
      expect(await page.getByRole('heading', { name: options[0].label }).count()).toBe(1);
    }
    // Whoever may take a position is told how; a reader who is not signed in is told to sign in.
    await participant.getByText(hint).waitFor();
    expect(await participant.getByRole('button', { name: 'Take a position' }).count()).toBe(options.length);
    expect(await reader.getByText(hint).count()).toBe(0);
    await reader.getByText('Sign in to take a position.').waitFor();
    await screenshot(participant, 'positions-round-empty');
    await screenshot(reader, 'positions-round-empty-reader');

    // Someone else takes the first position: the controls and the charts come to both pages, with no reload.
    // Taken in a personal capacity, it counts among people: the charts open there, not on "Organisations",
    // where every option would still say "No positions yet.".
    const first = await createUser(app.t);
    await putPosition(app.t, first.auth, round.id, options[1].id, { stance: 'oppose' }).expect(200);
    for (const page of [participant, reader]) {
      await page.getByRole('radio', { name: 'Region' }).waitFor();
      expect(await page.getByRole('radio', { name: 'People' }).isChecked()).toBe(true);
      await expect.poll(() => page.getByTestId(`total-${options[1].id}`).textContent()).toBe('1');
      expect(await page.getByRole('group', { name: 'Break down by' }).count()).toBe(1);
      expect(await page.getByRole('list', { name: 'Stances' }).count()).toBe(1);
      expect(await page.getByText('No one has taken a position in this round yet.').count()).toBe(0);
      expect(await page.getByText(hint).count()).toBe(0);
      // The options still without a position say so, each on its own card.
      expect(await page.getByText('No positions yet.').count()).toBe(options.length - 1);
    }
    await screenshot(participant, 'positions-round-first');
    await participant.context().close();
    await reader.context().close();
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
    // From the keyboard, as people who cannot see where focus went do it.
    await form.getByRole('button', { name: 'Enregistrer la position' }).press('Enter');
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toBe('Veuillez corriger les champs signalés.');
    expect(await rationale.getAttribute('aria-invalid')).toBe('true');
    // Focus is on what to fix (the save button, disabled while it was sent, let go of it).
    await expect.poll(() => hasFocus(rationale)).toBe(true);
    await form.getByText('Au plus 10 caractères.').waitFor();
    expect(await form.textContent()).not.toMatch(/characters|rationale:/);
    await screenshot(page, 'positions-field-error-fr');
    await page.context().close();
  });

  it('keeps the chart, the figures table and the rationales inside the option’s card, every group named in full and the table scrolling in its own region, in English and Arabic', async () => {
    const label = 'A subgroup of the Council Working Group on WSIS';
    const { consultation, options } = await createConsultation(app.t, { title: 'Wide figures' }, [label]);
    const round = await createRound(app.t, consultation.id);
    // One organisation in every stakeholder group: the table's longest row names and all its columns.
    for (const [i, stakeholderGroup] of STAKEHOLDER_GROUPS.entries()) {
      const org = await createOrganisation(app.t, {
        name: `Regional Telecommunication Union ${i}`,
        stakeholderGroup,
      });
      const focal = await createUser(app.t, { organisationId: org.id, isFocalPoint: true });
      await putPosition(app.t, focal.auth, round.id, options[0].id, {
        stance: STANCES[i % STANCES.length],
        capacity: 'organisation',
        rationale: 'Because of reasons that matter to our constituency, stated at some length here.',
      }).expect(200);
    }
    const names = {
      en: { tab: 'Positions', region: `Figures: ${label}` },
      ar: { tab: 'المواقف', region: `الأرقام: ${label}` },
    };
    // The smallest phones too, where even the Arabic table is wider than the card.
    const viewports = [DESKTOP, PHONE, { width: 320, height: 640 }];
    const scrolled = { en: false, ar: false };
    for (const lang of ['en', 'ar'] as const)
      for (const viewport of viewports) {
        const at = `${lang} at ${viewport.width} px`;
        const page = await app.openPage(`/consultations/${consultation.id}`, { viewport, lang });
        await page.getByRole('tab', { name: names[lang].tab }).click();
        const card = page.getByRole('listitem').filter({ has: page.getByTestId(`chart-${options[0].id}`) });
        await card.locator('.stance-table summary').click();
        await card.locator('.rationales summary').click();
        await expect.poll(() => card.locator('.rationale-items li').count()).toBe(STAKEHOLDER_GROUPS.length);

        expect(await page.evaluate(() => document.documentElement.scrollWidth), at).toBeLessThanOrEqual(
          viewport.width,
        );
        const [cardBox, sideBox] = await Promise.all([
          card.boundingBox(),
          page.locator('.round-side').boundingBox(),
        ]);
        expect(cardBox!.x, at).toBeGreaterThanOrEqual(sideBox!.x - 0.5);
        expect(cardBox!.x + cardBox!.width, at).toBeLessThanOrEqual(sideBox!.x + sideBox!.width + 0.5);

        // Every group's name can be read in full beside its bar, none cut short.
        const cut = await card
          .locator('.stance-row-label')
          .evaluateAll((labels) =>
            labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent),
          );
        expect(cut, at).toEqual([]);
        if (lang === 'en')
          await card
            .locator('.stance-row-label', { hasText: 'Intergovernmental and international organisations' })
            .waitFor();

        // Where the table is wider than its card, it scrolls in a named region the keyboard can reach.
        const region = card.getByRole('region', { name: names[lang].region });
        if (await region.evaluate((r) => r.scrollWidth > r.clientWidth)) {
          await region.focus();
          await page.keyboard.press(lang === 'ar' ? 'ArrowLeft' : 'ArrowRight');
          await expect
            .poll(() => region.evaluate((r) => Math.abs(r.scrollLeft)), { message: at })
            .toBeGreaterThan(0);
          scrolled[lang] = true;
        }
        await region.evaluate((r) => r.scrollIntoView({ block: 'center' }));
        await screenshot(page, `positions-table-${lang}-${viewport.width}`, { fullPage: false });
        await page.context().close();
      }
    expect(scrolled).toEqual({ en: true, ar: true });
  });

  it('reads in Arabic, right to left', async () => {
    const { consultation, options } = await createConsultation(app.t, { title: 'مشاورة' });
    const round = await createRound(app.t, consultation.id);
    // One position, so that the charts and their controls are there to read.
    const person = await createUser(app.t);
    await putPosition(app.t, person.auth, round.id, options[0].id, { stance: 'support' }).expect(200);
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
