import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';

describe.skipIf(!hasChromium())('Demo consultation in the browser', () => {
  const app = useBrowserApp({ env: { SEED_DEMO: 'true' } });

  it('lists the seeded demo consultation to an anonymous reader and opens it', async () => {
    const page = await app.openPage('/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Consultations');
    const link = page.getByRole('link', { name: 'A dedicated group on Internet issues' });
    await link.waitFor();
    expect(
      await page.getByText("Where should ITU's dedicated group on Internet issues sit?").count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'demo-list');

    await link.click();
    await page.getByRole('tab', { name: 'Positions' }).click();
    // The options, with their live tallies, beside the draft of the open round as the demo seeded it.
    await page.getByRole('heading', { name: 'Where stakeholders stand' }).waitFor();
    for (const label of [
      'A subgroup of the Council Working Group on WSIS',
      'An ITU-T focus group',
      'An ITU-T study group',
    ]) {
      expect(await page.getByRole('heading', { name: label, exact: true }).count()).toBe(1);
    }
    await page
      .getByText('Proposal for a dedicated group on international Internet-related public policy issues')
      .waitFor();
    // The seeded positions, drawn: one bar per stakeholder group on each option, and on the Council subgroup
    // governments for it while the private sector and civil society oppose it.
    await page
      .getByRole('img', { name: /^Government: / })
      .first()
      .waitFor();
    expect(await page.getByRole('img', { name: /^Government: / }).count()).toBe(3);
    expect(
      await page
        .getByRole('img', { name: 'Government: Support 2, Support with changes 1, Neutral 0, Oppose 0' })
        .count(),
    ).toBe(1);
    expect(
      await page
        .getByRole('img', { name: 'Private sector: Support 0, Support with changes 0, Neutral 0, Oppose 1' })
        .count(),
    ).toBe(1);
    expect(await page.getByText('No one has taken a position in this round yet.').count()).toBe(0);
    await screenshot(page, 'demo-consultation');
  });

  it('switches to Arabic, right to left', async () => {
    const page = await app.openPage('/');
    await page.getByRole('combobox').selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('المشاورات');
    await screenshot(page, 'demo-list-ar');
  });
});
