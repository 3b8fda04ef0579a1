import { describe, expect, it } from 'vitest';
import { TALL_DESKTOP, screenshot, useBrowserApp } from './helpers/browser.js';
import { hasChromium } from './helpers/environment.js';
import { createConsultation, createRound, createUser } from './helpers/factories.js';
import { putPosition } from './helpers/positions.js';

describe.skipIf(!hasChromium())('Position threads in the browser', () => {
  const app = useBrowserApp();

  it('discusses a rationale inline; another viewer sees the thread count change live', async () => {
    const { consultation, options } = await createConsultation(
      app.t,
      { title: 'Where should the group sit?', question: 'Which home for the group?' },
      ['A subgroup of the Council Working Group', 'An ITU-T focus group'],
    );
    const round = await createRound(app.t, consultation.id);
    const amina = await createUser(app.t, { displayName: 'Amina Speaker' });
    const carlos = await createUser(app.t, { displayName: 'Carlos Reader' });
    await putPosition(app.t, amina.auth, round.id, options[0].id, {
      stance: 'oppose',
      rationale: 'A subgroup would have no budget of its own.',
    }).expect(200);
    const path = `/consultations/${consultation.id}`;

    const writer = await app.openPage(path, { viewport: TALL_DESKTOP, as: carlos.user });
    const watcher = await app.openPage(path, { viewport: TALL_DESKTOP }); // an anonymous reader
    for (const page of [writer, watcher]) {
      await page.getByRole('tab', { name: 'Positions' }).click();
      await page.getByText('Read the rationales').first().click();
      await page.getByText('A subgroup would have no budget of its own.').waitFor();
    }
    const watcherDiscuss = watcher.getByRole('button', { name: /^Discuss \(\d+ threads?\)$/ });
    await expect.poll(() => watcherDiscuss.textContent()).toBe('Discuss (0 threads)');

    // Carlos opens the discussion under Amina's rationale with the keyboard, and writes.
    const discuss = writer.getByRole('button', { name: /^Discuss \(\d+ threads?\)$/ });
    expect(await discuss.textContent()).toBe('Discuss (0 threads)');
    await discuss.focus();
    await writer.keyboard.press('Enter');
    expect(await discuss.getAttribute('aria-expanded')).toBe('true');
    const discussion = writer.getByRole('region', { name: 'Discussion of this position' });
    await discussion.getByText('No one has discussed this position yet.').waitFor();
    const box = discussion.getByRole('textbox', { name: 'Ask about this rationale or answer it…' });
    await box.fill('Would a dedicated trust fund answer that?');
    await writer.keyboard.press('Control+Enter');
    await discussion.getByText('Would a dedicated trust fund answer that?').waitFor();
    await expect.poll(() => discuss.textContent()).toBe('Discuss (1 thread)');

    // The other browser's count moves without a reload, and its discussion shows the comment.
    await expect.poll(() => watcherDiscuss.textContent(), { timeout: 5000 }).toBe('Discuss (1 thread)');
    await watcherDiscuss.click();
    await watcher
      .getByRole('region', { name: 'Discussion of this position' })
      .getByText('Would a dedicated trust fund answer that?')
      .waitFor();
    await screenshot(writer, 'position-threads-writer');
    await screenshot(watcher, 'position-threads-watcher');

    // In the comments tab, the thread sits under "On positions", naming the stance and whose it is.
    await watcher.getByRole('tab', { name: 'Comments' }).click();
    const onPositions = watcher.getByRole('region', { name: 'On positions' });
    await onPositions.getByText('On the position of Amina Speaker: Oppose').waitFor();
    await screenshot(watcher, 'position-threads-sidebar');
    await writer.context().close();
    await watcher.context().close();
  }, 60_000);
});
