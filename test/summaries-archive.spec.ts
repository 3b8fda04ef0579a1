import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { draftDocName } from '../shared/domain.js';
import type { ArchiveEntryView, ClosingDraftView, DigestView } from '../shared/schemas/summaries.js';
import { wordDiff } from '../shared/word-diff.js';
import { anchorFromOffsets } from '../shared/anchoring/anchor.js';
import { CollabDocuments } from '../server/modules/collaboration/collab-documents.service.js';
import { yjsStateFromProseMirror } from '../server/modules/collaboration/draft-content.js';
import { connectEditor, synced } from './helpers/collab.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { putPosition } from './helpers/positions.js';
import { paragraphs } from './helpers/summaries.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { openThread } from './helpers/threads.js';
import { roundsApi } from './helpers/rounds-client.js';

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('The public archive: closed rounds, drafts at closing and their differences', () => {
  let t: TestApp;
  let sec: SignedInUser;
  let consultationId: string;
  let round1: string;
  let round2: string;

  beforeAll(async () => {
    t = await createTestApp();
    sec = await createUser(t, { platformRole: 'secretariat' });
    const { consultation } = await createConsultation(t, { title: 'Public archive test' });
    consultationId = consultation.id;
    round1 = (await createRound(t, consultationId)).id;
    const state = yjsStateFromProseMirror({
      type: 'doc',
      content: [paragraph('The group reports to the Council.')],
    });
    await t.db.transaction((tx) =>
      t.app.get(CollabDocuments).replaceInitialState(draftDocName(round1), state, tx),
    );
    await roundsApi(t, sec.auth).closeRound(round1).expect(200);
    round2 = (
      await request(t.url)
        .post(`/api/consultations/${consultationId}/rounds`)
        .set('Authorization', sec.auth)
        .send({})
        .expect(201)
    ).body.id;
    await request(t.url).post(`/api/rounds/${round2}/open`).set('Authorization', sec.auth).expect(200);
    const writer = connectEditor(t.url, draftDocName(round2), { token: sec.token });
    await synced(writer);
    paragraphs(writer.doc.getXmlFragment('default'), ['Every sector reports too.']);
    await vi.waitFor(async () =>
      expect(
        (await t.app.get(CollabDocuments).read(draftDocName(round2))).getXmlFragment('default').length,
      ).toBe(2),
    );
    writer.destroy();
    await roundsApi(t, sec.auth).closeRound(round2).expect(200);
    // A restricted consultation's closed round stays out of the archive.
    const restricted = await createConsultation(t, { title: 'Restricted one', visibility: 'restricted' });
    const hiddenRound = await createRound(t, restricted.consultation.id);
    await roundsApi(t, sec.auth).closeRound(hiddenRound.id).expect(200);
  });
  afterAll(async () => t?.close());

  it('lists the closed rounds of public consultations only, for anyone', async () => {
    const archive = (await request(t.url).get('/api/archive').expect(200)).body as ArchiveEntryView[];
    expect(archive.map((e) => e.title)).toEqual(['Public archive test']);
    expect(archive[0].rounds.map((r) => [r.number, r.summaryVersions])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(archive[0].rounds.every((r) => /^[0-9a-f]{64}$/.test(r.closingDigest ?? ''))).toBe(true);
  });

  it('gives each round’s draft as sealed at closing, and the word diff between rounds', async () => {
    const one = (await request(t.url).get(`/api/rounds/${round1}/draft-at-closing`).expect(200))
      .body as ClosingDraftView;
    const two = (await request(t.url).get(`/api/rounds/${round2}/draft-at-closing`).expect(200))
      .body as ClosingDraftView;
    expect(one.text).toBe('The group reports to the Council.');
    expect(two.text).toBe('The group reports to the Council.\nEvery sector reports too.');
    // The same text with its structure, for the archive to show as the text on record.
    expect(two.html).toBe('<p>The group reports to the Council.</p><p>Every sector reports too.</p>');
    const added = wordDiff(one.text, two.text).filter((p) => p.kind === 'added');
    expect(added.map((p) => p.text.trim())).toEqual(['Every sector reports too.']);
  });

  it('answers 409 for the draft at closing of an open round', async () => {
    const open = await createRound(t, consultationId, { number: 3 });
    await request(t.url).get(`/api/rounds/${open.id}/draft-at-closing`).expect(409);
  });

  it('leaves tallies and rationales out of the digest while the consultation hides them', async () => {
    const { consultation, options } = await createConsultation(t, { hideTalliesUntilClose: true });
    const round = await createRound(t, consultation.id);
    const voter = await createUser(t, { stakeholderGroup: 'government' });
    expect(
      (await putPosition(t, voter.auth, round.id, options[0].id, { rationale: 'SECRET RATIONALE' })).status,
    ).toBe(200);
    const digest = (await request(t.url).get(`/api/rounds/${round.id}/digest`).expect(200))
      .body as DigestView;
    expect(digest).toMatchObject({ talliesHidden: true, options: [] });
    expect(JSON.stringify(digest)).not.toContain('SECRET RATIONALE');
    const asSecretariat = (
      await request(t.url).get(`/api/rounds/${round.id}/digest`).set('Authorization', sec.auth).expect(200)
    ).body as DigestView;
    expect(asSecretariat.options[0].rationales.support[0].rationale).toBe('SECRET RATIONALE');
  });

  it('lists a thread whose passage was deleted as orphaned in the digest', async () => {
    const { consultation } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const writer = connectEditor(t.url, draftDocName(round.id), { token: sec.token });
    await synced(writer);
    const fragment = writer.doc.getXmlFragment('default');
    paragraphs(fragment, ['Keep this sentence.', 'Delete this sentence entirely.']);
    await t.app.get(CollabDocuments).flushAll();
    await vi.waitFor(async () =>
      expect(
        (await t.app.get(CollabDocuments).read(draftDocName(round.id))).getXmlFragment('default').length,
      ).toBe(2),
    );
    const reader = await createUser(t);
    const text = 'Keep this sentence.\nDelete this sentence entirely.';
    const from = text.indexOf('Delete this');
    const anchor = anchorFromOffsets(writer.doc, from, from + 'Delete this sentence'.length)!;
    const thread = (
      await openThread(t, reader.auth, round.id, { target: 'passage', anchor, body: 'Why delete?' }).expect(
        201,
      )
    ).body as { id: string };
    let digest = (await request(t.url).get(`/api/rounds/${round.id}/digest`).expect(200)).body as DigestView;
    expect(digest.openThreads[0]).toMatchObject({ id: thread.id, anchorStatus: 'exact' });
    expect(digest.orphanedThreads).toEqual([]);
    fragment.delete(1, 1);
    await vi.waitFor(async () =>
      expect(
        (await t.app.get(CollabDocuments).read(draftDocName(round.id))).getXmlFragment('default').length,
      ).toBe(1),
    );
    writer.destroy();
    digest = (await request(t.url).get(`/api/rounds/${round.id}/digest`).expect(200)).body as DigestView;
    expect(digest.orphanedThreads).toEqual([
      expect.objectContaining({ id: thread.id, anchorStatus: 'orphaned' }),
    ]);
  });
});
