import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { draftDocName, summaryDocName } from '../shared/domain.js';
import { CollabDocuments } from '../server/modules/collaboration/collab-documents.service.js';
import { DocStore } from '../server/modules/collaboration/persistence/doc-store.service.js';
import { ConsultationRoleGrant } from '../server/modules/consultations/consultation-role.entity.js';
import { ACCESS_CHANGED, AccessChanged } from '../server/modules/policy/access-events.js';
import { closedWith, connectEditor, type Editor, synced } from './helpers/collab.js';
import {
  createConsultation,
  createRound,
  createUser,
  grantRole,
  type SignedInUser,
} from './helpers/factories.js';
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
  // A short unload grace, so the test sees a document leave memory.
  t = await createTestApp({ env: { COLLAB_UNLOAD_GRACE_MS: '200' } });
  secretariat = await createUser(t, { platformRole: 'secretariat' });
});

afterAll(async () => {
  for (const e of editors) e.destroy();
  await t?.close();
});

describe('live rights', () => {
  it('removing a chair’s role closes their summary connection (4403) at once', async () => {
    const chair = await createUser(t);
    const { consultation } = await createConsultation(t, { visibility: 'restricted' });
    await grantRole(t, consultation.id, chair.user.id, 'chair');
    const round = await createRound(t, consultation.id);
    const summary = open(t.url, summaryDocName(round.id), { token: chair.token });
    await synced(summary);
    expect(summary.denied).toEqual([]);
    summary.text.insert(0, 'Chair summary');
    await vi.waitFor(async () =>
      expect((await t.app.get(CollabDocuments).read(summaryDocName(round.id))).getText('t').toString()).toBe(
        'Chair summary',
      ),
    );
    await t.db
      .getRepository(ConsultationRoleGrant)
      .delete({ consultationId: consultation.id, userId: chair.user.id });
    t.app.get(EventEmitter2).emit(ACCESS_CHANGED, new AccessChanged(chair.user.id, consultation.id));
    expect(await closedWith(summary)).toBe(4403);
  });

  it('a participant who becomes observer keeps reading; a signed-out session is closed with 4401', async () => {
    const person = await createUser(t);
    const { consultation } = await createConsultation(t, { visibility: 'restricted' });
    await grantRole(t, consultation.id, person.user.id, 'participant');
    const round = await createRound(t, consultation.id);
    const draft = open(t.url, draftDocName(round.id), { token: person.token });
    await synced(draft);
    await t.db
      .getRepository(ConsultationRoleGrant)
      .update({ consultationId: consultation.id, userId: person.user.id }, { role: 'observer' });
    await t.app
      .get(EventEmitter2)
      .emitAsync(ACCESS_CHANGED, new AccessChanged(person.user.id, consultation.id));
    expect(draft.closed()).toBeNull();
    await request(t.url).post('/api/auth/logout').set('authorization', person.auth).expect(204);
    expect(await closedWith(draft)).toBe(4401);
  });
});

describe('memory and storage', () => {
  it('a document without connections leaves memory after the grace and reloads from PostgreSQL', async () => {
    const { consultation } = await createConsultation(t);
    const name = draftDocName((await createRound(t, consultation.id)).id);
    const docs = t.app.get(CollabDocuments);
    const first = open(t.url, name, { token: secretariat.token });
    await synced(first);
    // Edits in separate commits (each waits until the server stored it), so the log has several rows.
    for (let i = 0; i < 5; i++) {
      first.text.insert(first.text.length, `${i};`);
      await vi.waitFor(async () =>
        expect((await docs.read(name)).getText('t').toString()).toContain(`${i};`),
      );
    }
    expect(await t.app.get(DocStore).pendingRows(name)).toBe(5);
    first.destroy();
    await vi.waitFor(() => expect(docs.isLoaded(name)).toBe(false));
    // Unloading compacted the log into the snapshot.
    await vi.waitFor(async () => expect(await t.app.get(DocStore).pendingRows(name)).toBe(0));
    const started = Date.now();
    const again = open(t.url, name, { token: secretariat.token });
    await synced(again);
    expect(again.text.toString()).toBe('0;1;2;3;4;');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('edits that arrive together are stored together: one INSERT per group commit, not one per edit', async () => {
    const { consultation } = await createConsultation(t);
    const name = draftDocName((await createRound(t, consultation.id)).id);
    const writer = open(t.url, name, { token: secretariat.token });
    await synced(writer);
    for (let i = 0; i < 50; i++) writer.text.insert(writer.text.length, `${i};`);
    await vi.waitFor(async () =>
      expect((await t.app.get(CollabDocuments).read(name)).getText('t').toString()).toContain('49;'),
    );
    expect(await t.app.get(DocStore).pendingRows(name)).toBeLessThan(10);
  });

  it('compacts a live document’s long log once the editing has gone quiet, keeping every edit', async () => {
    const store = t.app.get(DocStore);
    const docs = t.app.get(CollabDocuments);
    const { consultation } = await createConsultation(t);
    const name = draftDocName((await createRound(t, consultation.id)).id);
    // A log just under the threshold, as a long editing session leaves it.
    const source = new Y.Doc();
    const rows: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => rows.push(u));
    for (let i = 0; i < 499; i++) source.getText('t').insert(source.getText('t').length, 'x');
    for (const u of rows) await store.append(name, u, null);
    const editor = open(t.url, name, { token: secretariat.token });
    await synced(editor);
    for (const word of ['one', 'two']) {
      editor.text.insert(editor.text.length, word);
      await vi.waitFor(async () => expect((await docs.read(name)).getText('t').toString()).toContain(word));
    }
    expect(docs.isLoaded(name)).toBe(true);
    await vi.waitFor(async () => expect(await store.pendingRows(name)).toBe(0), { timeout: 10_000 });
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, await store.loadMerged(name));
    expect(reloaded.getText('t').toString()).toBe('x'.repeat(499) + 'onetwo');
  });

  it('compaction deletes exactly the rows it merged, and loading is snapshot plus the remaining rows', async () => {
    const store = t.app.get(DocStore);
    const name = draftDocName('11111111-1111-4111-8111-111111111111');
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 10; i++) source.getText('t').insert(0, `${i}`);
    for (const u of updates.slice(0, 6)) await store.append(name, u, null);
    expect(await store.compact(name)).toBe(true);
    expect(await store.pendingRows(name)).toBe(0);
    for (const u of updates.slice(6)) await store.append(name, u, null);
    expect(await store.pendingRows(name)).toBe(4);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, await store.loadMerged(name));
    expect(loaded.getText('t').toString()).toBe(source.getText('t').toString());
  });
});
