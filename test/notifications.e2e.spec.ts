import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, hasFocus, screenshot, useBrowserApp } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { createConsultation, createRound, createUser } from './helpers/factories.js';
import { openThread } from './helpers/threads.js';

describe.skipIf(!hasChromium())('Notifications in the browser', () => {
  const app = useBrowserApp();

  it('says each notification in the reader’s language and closes with Escape or a click outside', async () => {
    const alice = await createUser(app.t, { displayName: 'Alice' });
    const bob = await createUser(app.t, { displayName: 'Bob' });
    const { consultation } = await createConsultation(app.t);
    const round = await createRound(app.t, consultation.id);
    const thread = await openThread(app.t, alice.auth, round.id, {
      target: 'round',
      body: 'An opening remark.',
    }).expect(201);
    await request(app.t.url)
      .post(`/api/threads/${thread.body.id}/comments`)
      .set('Authorization', bob.auth)
      .send({ body: 'A reply for Alice.' })
      .expect(201);

    for (const viewport of [DESKTOP, PHONE]) {
      const page = await app.openPage('/', { viewport, lang: 'fr', timeout: 8000, as: alice.user });
      const bell = page.getByRole('button', { name: /^Notifications/ });
      const popover = page.getByRole('region', { name: 'Notifications' });
      await bell.click();
      await popover.getByRole('link', { name: 'Bob a répondu à votre fil : A reply for Alice.' }).waitFor();
      // The date is written as elsewhere in the product: the month in words, not 28/11/2026.
      const when = await popover.locator('time').first().textContent();
      expect(when).toMatch(/^\d{1,2} \p{L}+\.? \d{4}/u);
      expect(when).not.toMatch(/\d\/\d/);
      // Every line is read whole: it wraps inside the list instead of running past its edge.
      expect(
        await popover.evaluate((el) =>
          [...el.querySelectorAll('li > *')].every((line) => line.scrollWidth <= line.clientWidth),
        ),
      ).toBe(true);
      await screenshot(page, `notifications-fr-${viewport.width}`);

      // Escape from inside the list closes it and gives the focus back to the bell.
      await popover.getByRole('link').first().focus();
      await page.keyboard.press('Escape');
      await popover.waitFor({ state: 'detached' });
      expect(await hasFocus(bell)).toBe(true);
      expect(await bell.getAttribute('aria-expanded')).toBe('false');

      // A click elsewhere on the page closes it too.
      await bell.click();
      await popover.waitFor();
      await page.mouse.click(10, viewport.height - 10);
      await popover.waitFor({ state: 'detached' });
      await page.context().close();
    }
  });
});
