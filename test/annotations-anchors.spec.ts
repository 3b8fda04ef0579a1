import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { anchorFromOffsets, resolveAnchor } from '../shared/anchoring/anchor.js';
import { draftFragment, plainText } from '../shared/anchoring/plain-text.js';
import { draftDocName } from '../shared/domain.js';
import type { ThreadListView, ThreadView } from '../shared/schemas/annotations.js';
import { CollabDocuments } from '../server/modules/collaboration/collab-documents.service.js';
import { emitInOrder } from '../server/common/emit-in-order.js';
import {
  ClosingRecordBuilder,
  ROUND_EVENTS,
  RoundClosing,
  RoundCreatingFromPrevious,
} from '../server/modules/rounds/round-events.js';
import { Round } from '../server/modules/rounds/round.entity.js';
import { connectEditor, synced, type Editor } from './helpers/collab.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { openThread } from './helpers/threads.js';

const PARAGRAPHS = [
  'The proposal brings coherence to the Union’s work on Internet public policy.',
  'It also brings inclusiveness, since every stakeholder group takes part.',
  'Member States retain their sovereign rights.',
];

/** Writes paragraphs the way Tiptap stores them: <paragraph> elements holding XmlText. */
function writeParagraphs(doc: Y.Doc, paragraphs: string[]) {
  const fragment = draftFragment(doc);
  doc.transact(() => {
    fragment.insert(
      fragment.length,
      paragraphs.map((p) => {
        const el = new Y.XmlElement('paragraph');
        el.insert(0, [new Y.XmlText(p)]);
        return el;
      }),
    );
  });
}

const paragraphText = (doc: Y.Doc, i: number) =>
  (draftFragment(doc).get(i) as Y.XmlElement).get(0) as Y.XmlText;
const textOf = (doc: Y.Doc) => plainText(draftFragment(doc)).text;

/** The anchor a read-only client makes from its own replica, as the browser does from its selection. */
function anchorOn(doc: Y.Doc, words: string) {
  const from = textOf(doc).indexOf(words);
  expect(from).toBeGreaterThanOrEqual(0);
  return anchorFromOffsets(doc, from, from + words.length)!;
}

describe('Annotations on passages: anchors made on one client, checked and resolved by the server', () => {
  let t: TestApp;
  let sec: SignedInUser;
  let alice: SignedInUser;
  let consultationId: string;
  let round1: Round;
  let writer: Editor;
  let reader: Editor;
  const editors: Editor[] = [];
  const open = (...args: Parameters<typeof connectEditor>) => {
    const e = connectEditor(...args);
    editors.push(e);
    return e;
  };
  let coherence: ThreadView;
  let inclusiveness: ThreadView;

  beforeAll(async () => {
    t = await createTestApp();
    sec = await createUser(t, { platformRole: 'secretariat', displayName: 'Sam Secretariat' });
    alice = await createUser(t, { displayName: 'Alice' });
    consultationId = (await createConsultation(t)).consultation.id;
    round1 = await createRound(t, consultationId);
    writer = open(t.url, draftDocName(round1.id), { token: sec.token });
    reader = open(t.url, draftDocName(round1.id), { token: alice.token });
    await Promise.all([synced(writer), synced(reader)]);
    writeParagraphs(writer.doc, PARAGRAPHS);
    await vi.waitFor(() => expect(textOf(reader.doc)).toBe(PARAGRAPHS.join('\n')));
    await t.app.get(CollabDocuments).flushAll();
  });
  afterAll(async () => {
    for (const e of editors) e.destroy();
    await t?.close();
  });

  const post = (roundId: string, body: Record<string, unknown>, who = alice) =>
    openThread(t, who.auth, roundId, body);
  const list = async (roundId: string) =>
    ((await request(t.url).get(`/api/rounds/${roundId}/threads`).expect(200)).body as ThreadListView).threads;

  it('opens a thread on a passage selected by a read-only participant; the server stores the quote it sees', async () => {
    const anchor = anchorOn(reader.doc, 'coherence');
    const res = await post(round1.id, { target: 'passage', anchor, body: 'Coherence with what?' }).expect(
      201,
    );
    coherence = res.body;
    expect(coherence.anchor).toMatchObject({
      status: 'exact',
      currentText: 'coherence',
      quote: {
        exact: 'coherence',
        prefix: 'The proposal brings ',
        suffix: expect.stringMatching(/^ to the Union/),
      },
    });
    // An overlapping annotation on a longer passage works too.
    const overlapping = anchorOn(reader.doc, 'brings coherence to the Union');
    const second = await post(round1.id, {
      target: 'passage',
      anchor: overlapping,
      body: 'Which Union?',
    }).expect(201);
    expect(second.body.anchor.currentText).toBe('brings coherence to the Union');
    inclusiveness = (
      await post(round1.id, {
        target: 'passage',
        anchor: anchorOn(reader.doc, 'every stakeholder group'),
        body: 'Including academia?',
      }).expect(201)
    ).body;
  });

  it('follows the words through concurrent inserts and deletions by the secretariat on another client', async () => {
    // Edits before, inside the paragraph around, and after the passage, from the writer's replica.
    paragraphText(writer.doc, 0).insert(0, 'In short, ');
    const p0 = paragraphText(writer.doc, 0);
    const at = p0.toString().indexOf('brings ');
    p0.delete(at, 'brings '.length);
    p0.insert(p0.toString().indexOf(' to the Union'), ' and clarity');
    writeParagraphs(writer.doc, ['A new closing paragraph.']);
    draftFragment(writer.doc).insert(0, [
      (() => {
        const el = new Y.XmlElement('paragraph');
        el.insert(0, [new Y.XmlText('Preamble inserted at the top.')]);
        return el;
      })(),
    ]);
    await vi.waitFor(() => expect(textOf(reader.doc)).toBe(textOf(writer.doc)));
    await t.app.get(CollabDocuments).flushAll();

    const threads = await list(round1.id);
    const c = threads.find((x) => x.id === coherence.id)!;
    expect(c.anchor).toMatchObject({ status: 'exact', currentText: 'coherence' });
    expect(textOf(writer.doc).slice(c.anchor!.from!, c.anchor!.to!)).toBe('coherence');
    // The reader's own replica resolves the stored anchor to the same words.
    expect(resolveAnchor(reader.doc, c.anchor!)).toMatchObject({ status: 'exact', currentText: 'coherence' });
    // The overlapping passage lost "brings ": its thread shows the original quote and the current text.
    const o = threads.find((x) => x.anchor?.quote.exact === 'brings coherence to the Union')!;
    expect(o.anchor).toMatchObject({ status: 'moved', currentText: 'coherence and clarity to the Union' });
  });

  it('orphans a thread whose passage is deleted, and keeps it readable', async () => {
    const p = paragraphText(writer.doc, 2); // "It also brings inclusiveness, since every stakeholder group takes part."
    const i = p.toString().indexOf('every stakeholder group');
    p.delete(i, 'every stakeholder group'.length);
    await vi.waitFor(() => expect(textOf(reader.doc)).not.toContain('every stakeholder group'));
    await t.app.get(CollabDocuments).flushAll();
    const thread = (await list(round1.id)).find((x) => x.id === inclusiveness.id)!;
    expect(thread.anchor).toMatchObject({
      status: 'orphaned',
      currentText: null,
      quote: { exact: 'every stakeholder group' },
    });
    expect(thread.comments[0].body).toBe('Including academia?');

    // The same words written again elsewhere: a quote search puts the thread back on them.
    const last = paragraphText(writer.doc, 3);
    last.insert(last.length, ' Ask every stakeholder group.');
    await vi.waitFor(() => expect(textOf(reader.doc)).toContain('Ask every stakeholder group.'));
    await t.app.get(CollabDocuments).flushAll();
    const back = (await list(round1.id)).find((x) => x.id === inclusiveness.id)!;
    expect(back.anchor).toMatchObject({ status: 'moved', currentText: 'every stakeholder group' });
    expect(textOf(writer.doc).slice(back.anchor!.from!, back.anchor!.to!)).toBe('every stakeholder group');
    // And gone again, for the carry-over test below.
    last.delete(last.length - ' Ask every stakeholder group.'.length, ' Ask every stakeholder group.'.length);
    await vi.waitFor(() => expect(textOf(reader.doc)).not.toContain('Ask every'));
    await t.app.get(CollabDocuments).flushAll();
  });

  it('refuses forged anchors: unknown positions, another draft’s positions, a wrong quote, an empty passage', async () => {
    const before = await list(round1.id);
    // Positions into a document the server never saw.
    const stranger = new Y.Doc();
    writeParagraphs(stranger, PARAGRAPHS);
    const forged = anchorOn(stranger, 'coherence');
    const r1 = await post(round1.id, { target: 'passage', anchor: forged, body: 'x' }).expect(422);
    expect(r1.body.message).toMatch(/do not resolve/);
    // Positions from another round's draft (another consultation, its own text).
    const other = await createRound(t, (await createConsultation(t)).consultation.id);
    const w2 = open(t.url, draftDocName(other.id), { token: sec.token });
    await synced(w2);
    writeParagraphs(w2.doc, ['Another draft that speaks of coherence too.']);
    await vi.waitFor(async () => {
      await t.app.get(CollabDocuments).flushAll();
      expect(textOf(await t.app.get(CollabDocuments).read(draftDocName(other.id)))).toContain('coherence');
    });
    await post(round1.id, { target: 'passage', anchor: anchorOn(w2.doc, 'coherence'), body: 'x' }).expect(
      422,
    );
    // A quote that does not match what the positions cover.
    const real = anchorOn(reader.doc, 'sovereign rights');
    const r3 = await post(round1.id, {
      target: 'passage',
      anchor: { ...real, quote: { ...real.quote, exact: 'no rights at all' } },
      body: 'x',
    }).expect(422);
    expect(r3.body.message).toMatch(/does not match/);
    // An empty passage (start = end).
    await post(round1.id, { target: 'passage', anchor: { ...real, end: real.start }, body: 'x' }).expect(422);
    // Not base64, or not a relative position at all.
    await post(round1.id, { target: 'passage', anchor: { ...real, start: '<script>' }, body: 'x' }).expect(
      400,
    );
    await post(round1.id, { target: 'passage', anchor: { ...real, start: 'AAAA' }, body: 'x' }).expect(422);
    // A passage thread needs an anchor; an option thread must not have one.
    await post(round1.id, { target: 'passage', body: 'x' }).expect(400);
    await post(round1.id, { target: 'round', anchor: real, body: 'x' }).expect(400);
    expect(await list(round1.id)).toHaveLength(before.length);
  });

  it('freezes threads and comments into the closing record, and carries open threads into the next round', async () => {
    await t.app.get(CollabDocuments).flushAll();
    const events = t.app.get(EventEmitter2);
    const record = new ClosingRecordBuilder();
    await t.db.transaction(async (tx) => {
      await tx.getRepository(Round).update(round1.id, { status: 'closed', closedAt: new Date() });
      const closed = await tx.getRepository(Round).findOneByOrFail({ id: round1.id });
      await emitInOrder(events, ROUND_EVENTS.CLOSING, new RoundClosing(closed, tx, record));
    });
    expect(record.counts).toMatchObject({ threads: 3, comments: 3 });
    const frozen = record.sections.comments as { id: string; body: string; state: string }[];
    expect(frozen.map((c) => c.body)).toContain('Coherence with what?');
    expect((record.sections.threads as { id: string }[]).map((x) => x.id)).toContain(coherence.id);

    // Round 2 is created from round 1, as the rounds module does it: one transaction, one event.
    const round2 = await t.db.transaction(async (tx) => {
      const r2 = await tx.getRepository(Round).save(
        tx.getRepository(Round).create({
          consultationId,
          number: 2,
          status: 'open',
          openedAt: new Date(),
          previousRoundId: round1.id,
        }),
      );
      const previous = await tx.getRepository(Round).findOneByOrFail({ id: round1.id });
      await emitInOrder(
        events,
        ROUND_EVENTS.CREATING_FROM_PREVIOUS,
        new RoundCreatingFromPrevious(r2, previous, tx),
      );
      return r2;
    });
    const carried = await list(round2.id);
    expect(carried).toHaveLength(3);
    const c = carried.find((x) => x.carriedFrom?.threadId === coherence.id)!;
    expect(c).toMatchObject({
      roundId: round2.id,
      carriedFrom: { roundId: round1.id, roundNumber: 1 },
      anchor: { status: 'exact', currentText: 'coherence' },
    });
    expect(c.comments.map((x) => x.body)).toEqual(['Coherence with what?']);
    const orphan = carried.find((x) => x.carriedFrom?.threadId === inclusiveness.id)!;
    expect(orphan.anchor?.status).toBe('orphaned');
    // The closed round's own threads are untouched.
    expect((await list(round1.id)).every((x) => x.roundId === round1.id && !x.carriedFrom)).toBe(true);

    // A participant keeps annotating round 2's draft, which started from round 1's Yjs state.
    const r2reader = open(t.url, draftDocName(round2.id), { token: alice.token });
    await synced(r2reader);
    await vi.waitFor(() => expect(textOf(r2reader.doc)).toContain('sovereign rights'));
    const res = await post(round2.id, {
      target: 'passage',
      anchor: anchorOn(r2reader.doc, 'sovereign rights'),
      body: 'Keep this.',
    }).expect(201);
    expect(res.body.anchor.status).toBe('exact');
    // Round 1 is closed: no more threads there.
    await post(round1.id, {
      target: 'passage',
      anchor: anchorOn(reader.doc, 'sovereign rights'),
      body: 'x',
    }).expect(409);
  });
});
