import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { summaryDocName } from '../shared/domain.js';
import { SERVER_EVENTS } from '../shared/events.js';
import type { TalliesView } from '../shared/schemas/positions.js';
import type { CitationView, DigestView, SummaryVersionView } from '../shared/schemas/summaries.js';
import { versionDigest } from '../server/modules/summaries/summary-publishing.service.js';
import { connectEditor, synced, type Editor } from './helpers/collab.js';
import {
  createConsultation,
  createRound,
  createUser,
  grantRole,
  type SignedInUser,
} from './helpers/factories.js';
import { liveClient, type LiveClient } from './helpers/live.js';
import { paragraphs, seedDiscussedRound, type SummaryFixture } from './helpers/summaries.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { openThread } from './helpers/threads.js';

function citation(kind: string, id: string, label: string) {
  const el = new Y.XmlElement('citation');
  el.setAttribute('kind', kind);
  el.setAttribute('id', id);
  el.setAttribute('label', label);
  return el;
}

describe('Summaries: the digest, citations and published versions of a closed round', () => {
  let t: TestApp;
  let f: SummaryFixture;
  let digest: DigestView;
  let reader: SignedInUser;
  let live: LiveClient;
  const editors: Editor[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    f = await seedDiscussedRound(t, { close: true });
    reader = await createUser(t, { displayName: 'Rita Reader' });
    live = await liveClient(t.url, f.consultationId);
    digest = (await request(t.url).get(`/api/rounds/${f.round.id}/digest`).expect(200)).body;
  });
  afterAll(async () => {
    for (const e of editors) e.destroy();
    live?.close();
    await t?.close();
  });

  it('gives per option exactly the tallies of the positions API, by group, membership and region', async () => {
    const tallies = (await request(t.url).get(`/api/rounds/${f.round.id}/tallies`).expect(200))
      .body as TalliesView;
    expect(tallies.hidden).toBe(false);
    if (tallies.hidden) return;
    expect(digest.options.map((o) => o.optionId)).toEqual(tallies.options.map((o) => o.optionId));
    for (const [i, option] of digest.options.entries()) expect(option.tally).toEqual(tallies.options[i]);
    const first = digest.options[0].tally.currencies.organisations.all;
    expect(first.by.group.government).toMatchObject({ support: 1, support_with_changes: 1 });
    expect(first.by.region.europe.support).toBe(1);
    expect(first.by.membership.non_member.oppose).toBe(1);
  });

  it('states divergence between stakeholder groups as clauses, by the majority rule', () => {
    const [first, second] = digest.options;
    // Which groups lean which way, in that order (support, oppose, neutral): data a client words in its
    // reader's language.
    expect(first.divergence.find((d) => d.currency === 'organisations')).toEqual({
      currency: 'organisations',
      groups: [
        { group: 'civil_society', positions: 1, leaning: 'oppose' },
        { group: 'government', positions: 2, leaning: 'support' },
      ],
      diverges: true,
      clauses: [
        { leaning: 'support', groups: ['government'] },
        { leaning: 'oppose', groups: ['civil_society'] },
      ],
    });
    expect(second.divergence.find((d) => d.currency === 'organisations')?.clauses).toEqual([
      { leaning: 'support', groups: ['civil_society'] },
      { leaning: 'oppose', groups: ['government'] },
    ]);
    // The personal-capacity currency has one academic, neutral: nobody to diverge from.
    expect(first.divergence.find((d) => d.currency === 'people')).toEqual({
      currency: 'people',
      groups: [{ group: 'academic_technical', positions: 1, leaning: 'neutral' }],
      diverges: false,
      clauses: [],
    });
  });

  it('picks the longest rationale per stance and group, with authors and organisations', () => {
    const support = digest.options[0].rationales.support;
    expect(support).toEqual([
      expect.objectContaining({
        actorName: 'Ministry of Digital Affairs',
        organisationName: 'Ministry of Digital Affairs',
        stakeholderGroup: 'government',
        rationale: 'The Council already oversees the WSIS follow-up; one place is clearer.',
      }),
    ]);
    expect(digest.options[0].rationales.oppose[0]).toMatchObject({ organisationName: 'Open Net Coalition' });
    // The academic gave no rationale: nothing to represent.
    expect(digest.options[0].rationales.neutral).toEqual([]);
  });

  it('lists the most discussed passages, open threads and participation, without hidden or withdrawn text', () => {
    expect(digest.mostDiscussedPassages[0]).toMatchObject({
      quote: 'reports to the Council',
      threads: 2,
      comments: 3,
    });
    expect(digest.mostDiscussedPassages[1]).toMatchObject({
      quote: 'Every stakeholder group may attend',
      threads: 1,
      comments: 1,
    });
    expect(digest.openThreads.map((th) => th.id).sort()).toEqual(Object.values(f.threads).sort());
    expect(digest.orphanedThreads).toEqual([]);
    const p = digest.participation;
    expect(p).toMatchObject({ commenters: 4, comments: 5, positionHolders: 4, participants: 4 });
    expect(p.byGroup).toEqual({ government: 2, civil_society: 1, academic_technical: 1 });
    expect(p.byRegion).toEqual({ europe: 1, africa: 1, americas: 1, asia_pacific: 1 });
    // Four authors: "the top five wrote 100%" would say nothing, so there is no such figure.
    expect(p.topFiveWordShare).toBeNull();
    expect(p.topContributors.reduce((n, c) => n + c.words, 0)).toBe(p.commentWords);
    const text = JSON.stringify(digest);
    expect(text).not.toContain('SPAM-HIDDEN-BODY');
    expect(text).not.toContain('WITHDRAWN-BODY');
  });

  it('gives the share of words the five most active commenters wrote once more than five have commented', async () => {
    const { consultation } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    // Seven commenters writing 1 to 7 words: the top five wrote 7 + 6 + 5 + 4 + 3 = 25 of 28 words.
    for (let words = 1; words <= 7; words++) {
      const author = await createUser(t);
      await openThread(t, author.auth, round.id, {
        target: 'round',
        body: Array(words).fill('word').join(' '),
      }).expect(201);
    }
    const p = (await request(t.url).get(`/api/rounds/${round.id}/digest`).expect(200)).body
      .participation as DigestView['participation'];
    expect(p).toMatchObject({ commenters: 7, commentWords: 28, topFiveWordShare: 0.8929 });
  });

  it('cites a visible comment with quote, author, organisation and group; a hidden one cites as hidden', async () => {
    const visible = (
      await request(t.url).get(`/api/citations/comment/${f.comments.govOnReports}`).expect(200)
    ).body as CitationView;
    expect(visible).toMatchObject({
      state: 'visible',
      quote: 'Yearly reporting to the Council is the right level of oversight.',
      author: 'Grace Gov',
      organisation: 'Ministry of Digital Affairs',
      stakeholderGroup: 'government',
    });
    const hidden = (await request(t.url).get(`/api/citations/comment/${f.comments.hidden}`).expect(200)).body;
    expect(hidden).toMatchObject({ state: 'hidden', quote: null, author: null, organisation: null });
    expect(JSON.stringify(hidden)).not.toContain('SPAM');
    await request(t.url).get(`/api/citations/bogus/${f.comments.hidden}`).expect(400);
    await request(t.url).get(`/api/citations/comment/00000000-0000-4000-8000-000000000000`).expect(404);
  });

  it('lets only the chairs search contributions to cite', async () => {
    const found = await request(t.url)
      .get(`/api/rounds/${f.round.id}/citations?q=oversight`)
      .set('Authorization', f.chair.auth)
      .expect(200);
    expect(found.body.map((c: { id: string }) => c.id)).toContain(f.comments.govOnReports);
    const spam = await request(t.url)
      .get(`/api/rounds/${f.round.id}/citations?q=SPAM`)
      .set('Authorization', f.chair.auth);
    expect(spam.body).toEqual([]);
    await request(t.url)
      .get(`/api/rounds/${f.round.id}/citations?q=x`)
      .set('Authorization', reader.auth)
      .expect(403);
  });

  it('finds a position to cite as its stance code, option and excerpt, for the reader’s language to word', async () => {
    const found = await request(t.url)
      .get(`/api/rounds/${f.round.id}/citations?q=${encodeURIComponent('if the sectors')}`)
      .set('Authorization', f.chair.auth)
      .expect(200);
    expect(found.body).toEqual([
      {
        kind: 'position',
        id: expect.any(String),
        stance: 'support_with_changes',
        optionLabel: 'A subgroup of the Council Working Group',
        excerpt: 'Support, if the sectors report too.',
        author: 'Gabriel Gov',
        organisation: 'Telecom Regulator',
      },
    ]);
  });

  let v1: SummaryVersionView;

  it('publishes the co-edited summary as frozen HTML and Markdown with resolved citations, audited and announced', async () => {
    await request(t.url)
      .post(`/api/rounds/${f.round.id}/summary/versions`)
      .set('Authorization', f.chair.auth)
      .send({})
      .expect(400); // still empty
    const one = connectEditor(t.url, summaryDocName(f.round.id), { token: f.chair.token });
    const two = connectEditor(t.url, summaryDocName(f.round.id), { token: f.chair2.token });
    editors.push(one, two);
    await Promise.all([synced(one), synced(two)]);
    const frag1 = one.doc.getXmlFragment('default');
    const frag2 = two.doc.getXmlFragment('default');
    one.doc.transact(() => {
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', 2 as never);
      heading.insert(0, [new Y.XmlText('Outcome of round 1')]);
      frag1.insert(0, [heading]);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [
        new Y.XmlText('Governments favour oversight by the Council '),
        citation('comment', f.comments.govOnReports, '1'),
      ]);
      frag1.insert(1, [p]);
    });
    two.doc.transact(() => {
      paragraphs(frag2, ['Some <img src=x onerror=alert(1)> contributions were moderated ']);
      (frag2.get(frag2.length - 1) as Y.XmlElement).insert(1, [citation('comment', f.comments.hidden, '2')]);
      // Untrusted input: an element the schema does not know, and a javascript: link.
      const script = new Y.XmlElement('script');
      script.insert(0, [new Y.XmlText('alert(1)')]);
      frag2.insert(frag2.length, [script]);
      const link = new Y.XmlElement('paragraph');
      const linked = new Y.XmlText();
      linked.insert(0, 'click me', { link: { href: 'javascript:alert(1)' } });
      link.insert(0, [linked]);
      frag2.insert(frag2.length, [link]);
      // Text straight under the root, outside any block: a hand-made client can write it.
      const stray = new Y.XmlText();
      stray.insert(0, 'Stray words outside any paragraph', { bold: true });
      frag2.insert(frag2.length, [stray]);
      // …even with a Yjs type embedded in it.
      const embedding = new Y.XmlText();
      embedding.insert(0, 'Words around an embed');
      const embedded = new Y.XmlText();
      embedding.insertEmbed(5, embedded);
      embedded.insert(0, 'hidden');
      frag2.insert(frag2.length, [embedding]);
    });
    await vi.waitFor(() => expect(frag1.length).toBe(frag2.length));

    await request(t.url)
      .post(`/api/rounds/${f.round.id}/summary/versions`)
      .set('Authorization', reader.auth)
      .send({ changeNote: '' })
      .expect(403);
    const res = await request(t.url)
      .post(`/api/rounds/${f.round.id}/summary/versions`)
      .set('Authorization', f.chair.auth)
      .send({ changeNote: '' })
      .expect(201);
    v1 = res.body;
    expect(v1.number).toBe(1);
    expect(v1.html).toContain('<h2>Outcome of round 1</h2>');
    expect(v1.html).toContain('Yearly reporting to the Council is the right level of oversight.');
    expect(v1.html).toContain('Grace Gov, Ministry of Digital Affairs (Government)');
    expect(v1.html).toContain('hidden by the moderators');
    expect(v1.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(v1.html).not.toMatch(/<script|<img|javascript:/i);
    expect(v1.html).toContain('<p><strong>Stray words outside any paragraph</strong></p>');
    expect(v1.html).toContain('<p>Words around an embed</p>');
    expect(v1.markdown).toContain('## Outcome of round 1');
    expect(v1.markdown).toMatch(
      /\[\^\d\]: “Yearly reporting to the Council is the right level of oversight\.” — Grace Gov/,
    );
    for (const text of [v1.html, v1.markdown, JSON.stringify(v1.document)]) {
      expect(text).not.toContain('SPAM-HIDDEN-BODY');
    }
    expect(v1.sha256).toBe(versionDigest(v1));

    await vi.waitFor(() =>
      expect(live.received.find((e) => e.name === SERVER_EVENTS.SUMMARY_PUBLISHED)?.payload).toMatchObject({
        roundId: f.round.id,
        number: 1,
      }),
    );
    const audit = await request(t.url)
      .get(`/api/consultations/${f.consultationId}/audit`)
      .set('Authorization', f.sec.auth)
      .expect(200);
    const events = (audit.body.events ?? audit.body) as {
      action: string;
      payload: Record<string, unknown>;
    }[];
    const notified = await request(t.url)
      .get('/api/notifications')
      .set('Authorization', f.civil.auth)
      .expect(200);
    const items = (notified.body.items ?? notified.body.notifications ?? notified.body) as {
      kind: string;
      roundId: string;
    }[];
    expect(items).toContainEqual(expect.objectContaining({ kind: 'summary_published', roundId: f.round.id }));
    expect(events.find((e) => e.action === 'summary.published')?.payload).toMatchObject({
      number: 1,
      sha256: v1.sha256,
    });
  });

  it('keeps version 1 identical after the summary is edited and a corrected version is published', async () => {
    const [one] = editors;
    paragraphs(one.doc.getXmlFragment('default'), ['Correction: the academic community stayed neutral.']);
    await request(t.url)
      .post(`/api/rounds/${f.round.id}/summary/versions`)
      .set('Authorization', f.chair2.auth)
      .send({})
      .expect(400); // a correction needs a change note
    const v2 = (
      await request(t.url)
        .post(`/api/rounds/${f.round.id}/summary/versions`)
        .set('Authorization', f.chair2.auth)
        .send({ changeNote: 'Added the academic community’s stance', language: 'fr' })
        .expect(201)
    ).body as SummaryVersionView;
    expect(v2).toMatchObject({
      number: 2,
      changeNote: 'Added the academic community’s stance',
      publishedBy: 'Chair Two',
    });
    expect(v2.html).toContain('stayed neutral');
    // The words the server writes into the frozen text follow the chosen language.
    expect(v2.html).toContain('<h2>Références</h2>');
    expect(v2.html).toContain('Grace Gov, Ministry of Digital Affairs (Gouvernement)');
    expect(v2.markdown).toContain('masquée par la modération');
    const again = (await request(t.url).get(`/api/rounds/${f.round.id}/summary/versions/1`).expect(200)).body;
    expect(again).toEqual(v1);
    const md = await request(t.url).get(`/api/rounds/${f.round.id}/summary/versions/1.md`).expect(200);
    expect(md.text).toBe(v1.markdown);
    const html = await request(t.url).get(`/api/rounds/${f.round.id}/summary/versions/1.html`).expect(200);
    expect(html.text).toContain(v1.html);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    const list = (await request(t.url).get(`/api/rounds/${f.round.id}/summary/versions`).expect(200)).body;
    expect(list.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    // Even the database refuses to change a published version.
    await expect(
      t.db.query(`UPDATE summary_versions SET html = 'forged' WHERE round_id = $1 AND number = 1`, [
        f.round.id,
      ]),
    ).rejects.toThrow(/never changes/);
  });

  it('refuses to publish the summary of a round that is still open', async () => {
    const { consultation } = await createConsultation(t);
    await grantRole(t, consultation.id, f.chair.user.id, 'chair');
    const open = await createRound(t, consultation.id);
    await request(t.url)
      .post(`/api/rounds/${open.id}/summary/versions`)
      .set('Authorization', f.chair.auth)
      .send({ changeNote: '' })
      .expect(409);
  });
});
