import type { Locator, Page } from 'playwright-core';
import { IsNull } from 'typeorm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CollabDocuments } from '../server/modules/collaboration/collab-documents.service.js';
import { ConsultationOption } from '../server/modules/consultations/option.entity.js';
import { Position } from '../server/modules/positions/position.entity.js';
import { Round } from '../server/modules/rounds/round.entity.js';
import { DESKTOP, PHONE, screenshot, useBrowserApp } from './helpers/browser.js';
import * as Y from 'yjs';
import { draftFragment } from '../shared/anchoring/plain-text.js';
import { draftDocName } from '../shared/domain.js';
import { connectEditor, synced } from './helpers/collab.js';
import { hasChromium } from './helpers/environment.js';
import { createConsultation, createRound, createUser } from './helpers/factories.js';
import { roundsApi } from './helpers/rounds-client.js';

const DEMO_PASSWORD = 'consulta-demo';
const SECRETARIAT = 'secretariat@demo.consulta.local';
const CHAIR = 'chair@demo.consulta.local';
const LANGUAGES = ['en', 'fr', 'es', 'ar', 'zh', 'ru'];

/**
 * What a reader checks on the demo consultation, on a desktop and on a phone, in every language: the round's
 * parts within reach, a header on one row, a closed round that says so, the text on record with its structure.
 */
describe.skipIf(!hasChromium())('the round’s layout on desktops and phones', () => {
  const app = useBrowserApp({ env: { SEED_DEMO: 'true' } });
  let consultationId: string;
  let roundId: string;

  beforeAll(async () => {
    const list = (await (await fetch(`${app.t.url}/api/consultations`)).json()) as {
      id: string;
      currentRound: { id: string } | null;
    }[];
    consultationId = list[0].id;
    roundId = list[0].currentRound!.id;
  });

  /** A page at `path`, in English as written in Britain, anonymous or signed in as one of the demo's people. */
  const pageAs = (
    email: string | null,
    path: string,
    viewport = DESKTOP,
    beforeOpening?: (page: Page) => void,
  ) =>
    app.openPage(path, {
      viewport,
      locale: 'en-GB',
      as: email ? { email, password: DEMO_PASSWORD } : null,
      beforeOpening,
    });

  const inViewport = (page: Page, selector: string) =>
    page.evaluate((s) => {
      const r = document.querySelector(s)!.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    }, selector);

  it('on a phone, a bar at the top of the round jumps to the comments and the positions, by click or key', async () => {
    const page = await pageAs(null, `/consultations/${consultationId}`, PHONE);
    const jump = page.getByRole('navigation', { name: 'Parts of the round' });
    await jump.waitFor();
    await page.locator('.ProseMirror').waitFor();
    await screenshot(page, 'layout-phone-round');

    await jump.getByRole('link', { name: 'Positions' }).click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'Positions' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(() => inViewport(page, '#side-tab-positions')).toBe(true);
    // The bar stays at the top while the page has scrolled past the whole draft.
    expect(await inViewport(page, '.round-jump')).toBe(true);
    await screenshot(page, 'layout-phone-positions', { fullPage: false });

    await jump.getByRole('link', { name: 'Comments' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('tab', { name: 'Comments' }).getAttribute('aria-selected'))
      .toBe('true');
    await jump.getByRole('link', { name: 'Draft' }).click();
    await expect.poll(() => inViewport(page, '#draft-title')).toBe(true);

    // In French, the bar speaks French.
    await page.getByRole('combobox').first().selectOption('fr');
    const jumpFr = page.getByRole('navigation', { name: 'Parties du tour' });
    await jumpFr.getByRole('link', { name: 'Projet' }).waitFor();
    await jumpFr.getByRole('link', { name: 'Commentaires' }).waitFor();
    await page.getByRole('combobox').first().selectOption('en');

    // Where the draft and the side column sit side by side, the bar is not shown.
    await page.setViewportSize(DESKTOP);
    await expect.poll(() => jump.isVisible()).toBe(false);
  });

  it('keeps the secretariat’s header on one row at 1280 and 1024 px in every language, one term for a round', async () => {
    const page = await pageAs(SECRETARIAT, `/consultations/${consultationId}`);
    await page.getByTestId('signed-in-as').waitFor();
    // The name may be cut short at 1280 px: it is there whole on hover.
    expect(await page.getByTestId('signed-in-as').getAttribute('title')).toBe('Amina Diallo (Secretariat)');
    for (const lang of LANGUAGES) {
      await page.getByRole('combobox').first().selectOption(lang);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
      for (const width of [1280, 1024]) {
        await page.setViewportSize({ width, height: 800 });
        const height = await page.locator('.site-header').evaluate((h) => h.getBoundingClientRect().height);
        expect(height, `${lang} at ${width} px`).toBeLessThanOrEqual(60);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(
          width,
        );
      }
      if (lang === 'ru' || lang === 'ar') await screenshot(page, `layout-header-${lang}-1024`);
      if (lang === 'fr') {
        // French says "tour" for a round everywhere, never "cycle".
        await page.getByRole('tab', { name: 'Positions' }).click();
        const text = await page.locator('main').innerText();
        expect(text).toContain('Tour 1');
        expect(text).not.toMatch(/\bcycles?\b/i);
      }
      await page.setViewportSize(PHONE);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);
      await page.setViewportSize(DESKTOP);
    }
  });

  it('fits the administration pages on a phone and a desktop, each table scrolling in a region of its own', async () => {
    const admin = await createUser(app.t, { platformRole: 'admin' });
    /** No page-wide sideways scroll; the region takes focus, and its arrow keys scroll a table wider than it. */
    const scrollsAlone = async (page: Page, region: Locator, width: number) => {
      await region.getByRole('table').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await region.focus();
      const box = await region.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
      if (box.scroll > box.client) {
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => region.evaluate((el) => Math.abs(el.scrollLeft))).toBeGreaterThan(0);
      }
      return box.scroll > box.client;
    };
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await pageAs(SECRETARIAT, '/admin', viewport);
      await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
      const organisations = page.getByRole('region', { name: 'Table of organisations' });
      // Five columns with two buttons do not fit a phone: that table scrolls there.
      expect(await scrollsAlone(page, organisations, viewport.width)).toBe(viewport === PHONE);
      await page.getByRole('combobox', { name: /^Consultation/ }).selectOption({ index: 1 });
      await scrollsAlone(
        page,
        page.getByRole('region', { name: 'Table of consultation roles' }),
        viewport.width,
      );
      await screenshot(page, `layout-admin-secretariat-${viewport.width}`);
      await page.context().close();

      const accounts = await app.openPage('/admin', { viewport, locale: 'en-GB', as: admin.user });
      await scrollsAlone(
        accounts,
        accounts.getByRole('region', { name: 'Table of accounts' }),
        viewport.width,
      );
      await screenshot(accounts, `layout-admin-accounts-${viewport.width}`);
      await accounts.context().close();
    }
  });

  it('on a phone, starts the profile clear of the header, its organisation’s badge a pill on one line', async () => {
    const page = await pageAs('france@demo.consulta.local', '/profile', PHONE);
    const badge = page.locator('.organisation-panel .badge');
    await badge.getByText('Verified').waitFor();
    const [header, heading, pill] = await Promise.all(
      [page.locator('.site-header'), page.getByRole('heading', { level: 1 }), badge].map((l) =>
        l.boundingBox(),
      ),
    );
    expect(heading!.y - (header!.y + header!.height)).toBeGreaterThanOrEqual(16);
    // The organisation's name takes two lines here: the badge beside it keeps the height of one.
    expect(pill!.height).toBeLessThan(28);
    await screenshot(page, 'layout-phone-profile', { fullPage: false });
  });

  it('has an icon', async () => {
    const page = await pageAs(null, '/');
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    const icon = await page.request.get(`${app.t.url}${href}`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    expect((await page.request.get(`${app.t.url}/favicon.ico`)).status()).toBe(200);
  });

  it('says at the top of a closed round and on its draft that it is closed and frozen on record, with no live signs', async () => {
    const sec = await pageAs(SECRETARIAT, `/consultations/${consultationId}`);
    await sec.locator('.ProseMirror').waitFor();
    // A moderation before closing, so that the record has a moderation log with its date.
    const [closed, hidden] = await sec.evaluate(async (id) => {
      const threads = (await (await fetch(`/api/rounds/${id}/threads`)).json()) as {
        threads: { comments: { id: string }[] }[];
      };
      const hide = await fetch(`/api/comments/${threads.threads[0].comments[0].id}/hide`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'Kept for the demonstration of the log' }),
      });
      return [(await fetch(`/api/rounds/${id}/close`, { method: 'POST' })).status, hide.status];
    }, roundId);
    expect([closed, hidden]).toEqual([200, 200]);

    for (const [viewport, name] of [
      [DESKTOP, 'layout-closed-round'],
      [PHONE, 'layout-phone-closed-round'],
    ] as const) {
      const page = await pageAs(null, `/consultations/${consultationId}`, viewport);
      const notice = page.getByRole('note');
      await notice.getByText('Round 1 is closed').waitFor();
      expect(await notice.innerText()).toMatch(
        /frozen as it stood at closing, on .*2\d\d\d.*, and is on record/,
      );
      await page.getByRole('heading', { name: 'Draft of round 1, as closed' }).waitFor();
      await page.locator('.ProseMirror').waitFor();
      const status = page.locator('.draft-status');
      await expect.poll(() => status.innerText()).toMatch(/^Closed .*: frozen, on record$/);
      // The secretariat still has the page open: nobody is "here" on a closed draft, nothing is "live".
      expect(await page.locator('main').innerText()).not.toMatch(/Live:|people here|person here/);
      expect(await page.locator('.presence').count()).toBe(0);
      await notice.getByRole('link', { name: 'Round 1 in the archive' }).waitFor();
      // The comments read as the record: as they stood at closing, all of them shown, no live counts.
      if (viewport === PHONE)
        await page
          .getByRole('navigation', { name: 'Parts of the round' })
          .getByRole('link', { name: 'Comments' })
          .click();
      const comments = page.locator('.annotations-panel');
      await comments.getByRole('heading', { name: 'Comments at closing' }).waitFor();
      expect(await comments.locator('.annotations-closed').innerText()).toMatch(
        /^Frozen on record: the threads stand as they did when the round closed/,
      );
      const filters = comments.getByRole('radiogroup', { name: 'Show threads' });
      expect(await filters.getByRole('radio').allInnerTexts()).toEqual([
        'Open at closing (2)',
        'Resolved before closing (0)',
        'All',
      ]);
      expect(await filters.getByRole('radio', { name: 'All' }).getAttribute('aria-checked')).toBe('true');
      expect(await comments.locator('.thread-card').count()).toBe(2);
      await filters.getByRole('radio', { name: 'Resolved before closing (0)' }).click();
      // No "yet" on a round that takes no more threads.
      await comments.getByText('No threads here.', { exact: true }).waitFor();
      await filters.getByRole('radio', { name: 'All' }).click();
      expect(await comments.innerText()).not.toMatch(/Sign in to comment|Reply/);
      await screenshot(page, name);
      if (viewport === PHONE) await screenshot(page, `${name}-comments`, { fullPage: false });
      // No person took a position on the study group in the demo round, and nobody will now: its chart says so
      // without "yet", beside the positions frozen on the other two.
      if (viewport === DESKTOP) {
        await page.getByRole('tab', { name: 'Positions' }).click();
        await page.getByRole('radio', { name: 'People' }).check();
        const charts = page.locator('.stance-chart');
        await expect.poll(() => charts.count()).toBe(3);
        await expect
          .poll(() => charts.locator('.stance-chart-caption').allInnerTexts())
          .toEqual(['1 position', '1 position', 'No positions were taken.']);
        await charts.last().scrollIntoViewIfNeeded();
        await screenshot(page, 'layout-closed-round-positions', { fullPage: false });
      }
    }
  });

  it('fits a closed round’s record on a phone in English, French and Arabic, each fact’s label above its value', async () => {
    for (const lang of ['en', 'fr', 'ar']) {
      const page = await app.openPage(`/consultations/${consultationId}`, { viewport: PHONE, lang });
      const record = page.locator('.closing-record');
      await record.locator('code.digest').waitFor();
      await expect.poll(() => record.locator('dt').count()).toBeGreaterThan(5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(
        PHONE.width,
      );
      // Every value has the panel's whole width under its label: the digest breaks once or twice, not every
      // eight characters, and an option's name is not one word a line.
      const facts = await record.locator('.record-facts').evaluate((dl) => {
        const width = dl.getBoundingClientRect().width;
        return [...dl.querySelectorAll('dt')].map((dt) => {
          const [label, value] = [dt, dt.nextElementSibling!].map((e) => e.getBoundingClientRect());
          return { name: dt.textContent, below: value.top >= label.bottom - 1, share: value.width / width };
        });
      });
      for (const fact of facts) {
        expect(fact.below, `${lang}: ${fact.name}`).toBe(true);
        expect(fact.share, `${lang}: ${fact.name}`).toBeGreaterThan(0.95);
      }
      await record.evaluate((r) => r.scrollIntoView());
      await screenshot(page, `layout-phone-closing-record-${lang}`, { fullPage: false });
      await page.context().close();
    }
  });

  it('on a closed round, a signed-in reader’s page says nothing of their presence to anyone', async () => {
    // Presence travels as y-websocket awareness messages (type 1): the page must send none at all, not even
    // echoes, since nobody else on a closed round announces anything either.
    const sent: number[] = [];
    const page = await pageAs('kenya@demo.consulta.local', `/consultations/${consultationId}`, DESKTOP, (p) =>
      p.on('websocket', (ws) => {
        if (!ws.url().includes('/collab')) return;
        ws.on('framesent', (f) => typeof f.payload !== 'string' && sent.push(f.payload[0]));
      }),
    );
    await page.locator('.ProseMirror').waitFor();
    await expect.poll(() => page.locator('.draft-status').innerText()).toMatch(/^Closed /);
    // Synced (the draft shows) means the provider's opening messages are long sent: sync, and awareness if any.
    await expect.poll(() => sent.includes(0)).toBe(true);
    expect(sent.filter((type) => type === 1)).toEqual([]);
  });

  it('writes every date of a closed round in the reader’s language, one way: the notice, the moderation log, the archive', async () => {
    const page = await pageAs(null, `/consultations/${consultationId}`);
    await page.getByRole('combobox').first().selectOption('fr');
    const notice = page.getByRole('note').first();
    await notice.getByText('Le tour 1 est clos').waitFor();
    const closedAt = (await (await fetch(`${app.t.url}/api/archive`)).json()) as {
      rounds: { roundId: string; closedAt: string }[];
    }[];
    const at = closedAt.flatMap((c) => c.rounds).find((r) => r.roundId === roundId)!.closedAt;
    // The page's own Intl, medium date and short time: the shared formatter's, in French.
    const [dateTime, date] = await page.evaluate(
      (iso) => [
        new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
        new Intl.DateTimeFormat('fr', { dateStyle: 'medium' }).format(new Date(iso)),
      ],
      at,
    );
    expect(await notice.innerText()).toContain(`le ${dateTime},`);
    await page.locator('.moderation-log summary').click();
    const logged = await page.locator('.moderation-log time').first().innerText();
    expect(logged).toMatch(/^\d{1,2} [a-zéû]+\.? \d{4}/);
    expect(await page.locator('.annotations-panel time').first().innerText()).toMatch(
      /^\d{1,2} [a-zéû]+\.? \d{4}/,
    );
    // Nowhere a numeric date ("28/11/2026"), nor seconds.
    expect(await page.locator('main').innerText()).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{2,4}|\d:\d\d:\d\d/);
    await screenshot(page, 'layout-closed-round-fr');

    await page.goto(`${app.t.url}/archive`);
    await page.getByRole('combobox').first().selectOption('fr');
    const entry = page.locator('.archive-list li', { hasText: 'Tour 1' }).first();
    await entry.waitFor();
    expect(await entry.innerText()).toContain(`clos le ${date}`);
    await screenshot(page, 'layout-archive-fr');
  });

  it('shows the text on record in the archive with its headings, lists and links, and the changes as a second view', async () => {
    for (const [viewport, name] of [
      [DESKTOP, 'layout-archive-round'],
      [PHONE, 'layout-phone-archive-round'],
    ] as const) {
      const page = await pageAs(null, `/archive/rounds/${roundId}`, viewport);
      const record = page.locator('.draft-record');
      await record.waitFor();
      expect(await record.getByRole('heading', { name: 'Background' }).count()).toBe(1);
      expect(await record.getByRole('listitem').count()).toBeGreaterThan(1);
      expect(await record.getByRole('listitem').first().innerText()).toMatch(/^Coherence/);
      expect(await record.locator('script, [onerror], [onclick], [style]').count()).toBe(0);
      await screenshot(page, name);
    }

    // Round 2 starts from round 1's text; once closed, its words' changes are the second view.
    const sec = await pageAs(SECRETARIAT, '/');
    const round2 = await sec.evaluate(async (consultation) => {
      const post = (path: string) =>
        fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const created = (await (await post(`/api/consultations/${consultation}/rounds`)).json()) as {
        id: string;
      };
      await post(`/api/rounds/${created.id}/open`);
      await post(`/api/rounds/${created.id}/close`);
      return created.id;
    }, consultationId);
    const page = await pageAs(null, `/archive/rounds/${round2}`);
    const modes = page.getByRole('group', { name: 'How to show the draft' });
    await modes.waitFor();
    expect(await modes.getByRole('button', { name: 'Text on record' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await page.locator('.draft-record').getByRole('heading', { name: 'Benefits' }).count()).toBe(1);
    await modes.getByRole('button', { name: 'Changes since round 1' }).click();
    await page.getByText('Changes since the end of round 1').waitFor();
    expect(await page.locator('.draft-text.diff').innerText()).toContain('Background');
    expect(await page.locator('.draft-record').count()).toBe(0);
  });

  it('scrolls a wide table of the text on record in a region of its own, never the page, on a phone and a desktop', async () => {
    const sec = await createUser(app.t, { platformRole: 'secretariat' });
    const { consultation } = await createConsultation(app.t, { title: 'A table on record' });
    const round = await createRound(app.t, consultation.id);
    const writer = connectEditor(app.t.url, draftDocName(round.id), { token: sec.token });
    await synced(writer);
    const cell = (type: 'tableHeader' | 'tableCell', text: string) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      const el = new Y.XmlElement(type);
      el.insert(0, [paragraph]);
      return el;
    };
    const row = (type: 'tableHeader' | 'tableCell', texts: string[]) => {
      const el = new Y.XmlElement('tableRow');
      el.insert(
        0,
        texts.map((t) => cell(type, t)),
      );
      return el;
    };
    // A schedule over fourteen years: wider than a phone.
    const columns = ['Group', ...Array.from({ length: 13 }, (_, i) => String(2026 + i))];
    writer.doc.transact(() => {
      const table = new Y.XmlElement('table');
      table.insert(0, [
        row('tableHeader', columns),
        row('tableCell', ['Meetings', ...columns.slice(1).map((_, i) => String(2 + (i % 3)))]),
      ]);
      draftFragment(writer.doc).insert(0, [table]);
    });
    // Closing freezes what the server holds: the table must have reached it first.
    await vi.waitFor(async () => {
      const held = await app.t.app.get(CollabDocuments).read(draftDocName(round.id));
      expect(draftFragment(held).toString()).toContain('2038');
    });
    await roundsApi(app.t, sec.auth).closeRound(round.id).expect(200);
    writer.destroy();

    for (const viewport of [PHONE, DESKTOP]) {
      const page = await pageAs(null, `/archive/rounds/${round.id}`, viewport);
      const region = page
        .locator('.draft-record')
        .getByRole('region', { name: 'Table 1 of the text on record' });
      await region.getByRole('columnheader', { name: '2038' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await region.focus();
      const box = await region.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
      if (viewport === PHONE) expect(box.scroll).toBeGreaterThan(box.client);
      if (box.scroll > box.client) {
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => region.evaluate((el) => Math.abs(el.scrollLeft))).toBeGreaterThan(0);
      }
      await screenshot(page, `layout-archive-table-${viewport.width}`);
      await page.context().close();
    }
  });

  it('gives each option’s figures in the chair’s digest, or says nobody took a position, and says when no group diverges', async () => {
    // What round 1 holds, from the database: the standing positions on each option, counted in the currency
    // the digest shows first (organisations, unless only people have spoken).
    const round1 = await app.t.db.getRepository(Round).findOneByOrFail({ consultationId, number: 1 });
    const standing = await app.t.db
      .getRepository(Position)
      .findBy({ roundId: round1.id, withdrawnAt: IsNull() });
    const capacity = standing.some((p) => p.capacity === 'organisation') ? 'organisation' : 'personal';
    const options = await app.t.db.getRepository(ConsultationOption).findBy({ consultationId });
    const counted = new Map(
      options.map((o) => [
        o.label,
        standing.filter((p) => p.optionId === o.id && p.capacity === capacity).length,
      ]),
    );
    // The demo has positions to show: the figures below are not all "no positions".
    expect([...counted.values()].some((n) => n > 0)).toBe(true);

    const page = await pageAs(CHAIR, `/consultations/${consultationId}/rounds/1/summary`);
    const digest = page.locator('.digest-panel');
    await digest.waitFor();
    const items = digest.locator('.digest-option');
    await expect.poll(() => items.count()).toBe(options.length);
    for (const item of await items.all()) {
      const text = await item.innerText();
      const positions = counted.get(await item.locator('strong').first().innerText());
      expect(positions).toBeDefined();
      // An option nobody has taken a position on says so in a sentence, with no figures ("yet" while the round
      // is open: an earlier test closes it).
      if (positions === 0) {
        expect(text).toMatch(/No positions on this option yet\.|No one took a position on this option\./);
        expect(await item.locator('.stance-chart').count()).toBe(0);
        continue;
      }
      // An option with positions: where each stakeholder group and each region stands, as charts whose totals
      // are the positions taken on it, and never the sentence for an option without any.
      expect(text).not.toMatch(/No positions on this option yet\.|No one took a position on this option\./);
      expect(await item.locator('.digest-chart-title').allInnerTexts()).toEqual([
        'Stakeholder group',
        'Region',
      ]);
      expect(await item.locator('.stance-chart').count()).toBe(2);
      expect(await item.locator('.stance-row-total .stance-row-count').allInnerTexts()).toEqual([
        String(positions),
        String(positions),
      ]);
      // Either where groups diverge, or a sentence saying that none does: never a bare option name.
      if (!(await item.locator('.divergence').count()))
        expect(text).toContain('No stakeholder group diverges from the others on this option.');
    }
    await screenshot(page, 'layout-digest');
  });
});
