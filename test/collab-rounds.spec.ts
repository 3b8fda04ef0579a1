import { EventEmitter2 } from '@nestjs/event-emitter';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { draftDocName } from '../shared/domain.js';
import { CollabDocuments } from '../server/modules/collaboration/collab-documents.service.js';
import { emitInOrder } from '../server/common/emit-in-order.js';
import { plainTextOf, yjsStateFromProseMirror } from '../server/modules/collaboration/draft-content.js';
import type { FrozenDocument } from '../server/modules/collaboration/collab-rounds.listener.js';
import {
  ClosingRecordBuilder,
  ROUND_EVENTS,
  RoundClosed,
  RoundClosing,
  RoundCreatingFromPrevious,
} from '../server/modules/rounds/round-events.js';
import { Round } from '../server/modules/rounds/round.entity.js';
import { connectEditor, type Editor, synced } from './helpers/collab.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let secretariat: SignedInUser;
const editors: Editor[] = [];
const open = (...args: Parameters<typeof connectEditor>) => {
  const e = connectEditor(...args);
  editors.push(e);
  return e;
};

beforeAll(async () => {
  t = await createTestApp();
  secretariat = await createUser(t, { platformRole: 'secretariat' });
});

afterAll(async () => {
  for (const e of editors) e.destroy();
  await t?.close();
});

/** Closes a round as the rounds feature does: lock, set closed, gather the record, commit, announce. */
async function closeRound(roundId: string): Promise<ClosingRecordBuilder> {
  const events = t.app.get(EventEmitter2);
  const record = new ClosingRecordBuilder();
  const round = await t.db.transaction(async (tx) => {
    const r = await tx
      .getRepository(Round)
      .findOneOrFail({ where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
    r.status = 'closed';
    r.closedAt = new Date();
    await tx.getRepository(Round).save(r);
    await emitInOrder(events, ROUND_EVENTS.CLOSING, new RoundClosing(r, tx, record));
    return r;
  });
  events.emit(ROUND_EVENTS.CLOSED, new RoundClosed(round));
  return record;
}

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('the draft through a round’s life', () => {
  it('closing freezes the draft into the record and flips a connected editor to read-only within a second', async () => {
    const { consultation } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const name = draftDocName(round.id);
    await t.db.transaction((tx) =>
      t.app
        .get(CollabDocuments)
        .replaceInitialState(
          name,
          yjsStateFromProseMirror({ type: 'doc', content: [paragraph('Article 1.')] }),
          tx,
        ),
    );
    const editor = open(t.url, name, { token: secretariat.token });
    const other = open(t.url, name, { token: secretariat.token });
    await Promise.all([synced(editor), synced(other)]);
    expect(editor.denied).toEqual([]);
    const fragment = editor.doc.getXmlFragment('default');
    expect(fragment.toString()).toContain('Article 1.');
    fragment.insert(fragment.length, [new Y.XmlElement('paragraph')]);
    (fragment.get(fragment.length - 1) as Y.XmlElement).insert(0, [new Y.XmlText('Article 2.')]);
    await vi.waitFor(() => expect(other.doc.getXmlFragment('default').toString()).toContain('Article 2.'));
    await t.app.get(CollabDocuments).read(name); // every edit so far is committed

    const started = Date.now();
    const record = await closeRound(round.id);
    await vi.waitFor(() => expect(editor.denied).toContain('read-only'), { timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);

    const section = record.sections.draft as FrozenDocument[];
    expect(section).toHaveLength(1);
    expect(section[0]).toMatchObject({ id: name, kind: 'draft', text: 'Article 1.\nArticle 2.' });
    const frozen = new Y.Doc();
    Y.applyUpdate(frozen, Buffer.from(section[0].state, 'base64'));
    expect(plainTextOf(frozen)).toBe('Article 1.\nArticle 2.');

    // An edit after the close reaches nobody and is not stored.
    (fragment.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('LATE ')]);
    await vi.waitFor(() => expect(editor.denied.length).toBeGreaterThan(1));
    const stored = await t.app.get(CollabDocuments).read(name);
    expect(plainTextOf(stored)).toBe('Article 1.\nArticle 2.');
    expect(other.doc.getXmlFragment('default').toString()).not.toContain('LATE');

    // Verification later reads the same frozen content back.
    const again = new ClosingRecordBuilder();
    await t.db.transaction((tx) =>
      emitInOrder(
        t.app.get(EventEmitter2),
        ROUND_EVENTS.CLOSING,
        new RoundClosing(round, tx, again, 'verify'),
      ),
    );
    expect(again.sections.draft).toEqual(record.sections.draft);
  });

  it('round N+1 starts from round N’s final Yjs state, so relative positions still resolve', async () => {
    const { consultation } = await createConsultation(t);
    const previous = await createRound(t, consultation.id);
    const prevName = draftDocName(previous.id);
    const editor = open(t.url, prevName, { token: secretariat.token });
    await synced(editor);
    const fragment = editor.doc.getXmlFragment('default');
    const p = new Y.XmlElement('paragraph');
    fragment.insert(0, [p]);
    const text = new Y.XmlText('Carry me over');
    p.insert(0, [text]);
    const anchor = Y.createRelativePositionFromTypeIndex(text, 6);
    await vi.waitFor(async () =>
      expect(plainTextOf(await t.app.get(CollabDocuments).read(prevName))).toBe('Carry me over'),
    );
    await closeRound(previous.id);

    const next = await t.db.transaction(async (tx) => {
      const r = await tx.getRepository(Round).save({
        consultationId: consultation.id,
        number: 2,
        status: 'scheduled',
        previousRoundId: previous.id,
      });
      await emitInOrder(
        t.app.get(EventEmitter2),
        ROUND_EVENTS.CREATING_FROM_PREVIOUS,
        new RoundCreatingFromPrevious(r, previous, tx),
      );
      return r;
    });
    const seeded = await t.app.get(CollabDocuments).read(draftDocName(next.id));
    expect(plainTextOf(seeded)).toBe('Carry me over');
    const abs = Y.createAbsolutePositionFromRelativePosition(anchor, seeded);
    expect(abs?.index).toBe(6);
    // The secretariat may edit a scheduled round's draft.
    const nextEditor = open(t.url, draftDocName(next.id), { token: secretariat.token });
    await synced(nextEditor);
    expect(nextEditor.denied).toEqual([]);
    expect(nextEditor.doc.getXmlFragment('default').toString()).toContain('Carry me over');
  });
});
