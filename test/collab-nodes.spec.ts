import { EventEmitter2 } from '@nestjs/event-emitter';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { draftDocName } from '../shared/domain.js';
import { CollabDocuments } from '../server/modules/collaboration/collab-documents.service.js';
import { DocStore } from '../server/modules/collaboration/persistence/doc-store.service.js';
import { ROUND_EVENTS, RoundClosed } from '../server/modules/rounds/round-events.js';
import { Round } from '../server/modules/rounds/round.entity.js';
import { connectEditor, type Editor, idsSharingAColour, synced } from './helpers/collab.js';
import { hasRedis } from './helpers/environment.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// An async collector: top-level await is not available in these CommonJS-compiled specs.
describe('several nodes', async () => {
  const redisUp = await hasRedis();
  describe.skipIf(!redisUp)('two app nodes sharing PostgreSQL and Redis', () => {
    let n1: TestApp;
    let n2: TestApp;
    let secretariat: SignedInUser;
    const editors: Editor[] = [];
    const open = (...args: Parameters<typeof connectEditor>) => {
      const e = connectEditor(...args);
      editors.push(e);
      return e;
    };

    beforeAll(async () => {
      const env = { REDIS_URL: process.env.REDIS_URL };
      n1 = await createTestApp({ env });
      n2 = await createTestApp({ database: n1.database, env });
      secretariat = await createUser(n1, { platformRole: 'secretariat' });
    });

    afterAll(async () => {
      for (const e of editors) e.destroy();
      await n2?.close();
      await n1?.close();
    });

    async function newDraft() {
      const { consultation } = await createConsultation(n1);
      const round = await createRound(n1, consultation.id);
      return { round, name: draftDocName(round.id) };
    }

    it('a client on each node: edits and presence converge', async () => {
      const { name } = await newDraft();
      const a = open(n1.url, name, { token: secretariat.token });
      const b = open(n2.url, name, { token: secretariat.token });
      await Promise.all([synced(a), synced(b)]);
      for (let i = 0; i < 20; i++) {
        a.text.insert(a.text.length, `a${i};`);
        b.text.insert(0, `b${i};`);
      }
      await vi.waitFor(() => {
        expect(a.text.toString()).toBe(b.text.toString());
        expect(a.text.toString().match(/;/g)).toHaveLength(40);
      });
      b.provider.awareness.setLocalStateField('cursor', null);
      await vi.waitFor(() => expect(a.provider.awareness.getStates().has(b.doc.clientID)).toBe(true));
    });

    it('people present on different nodes show different colours; a second tab on the other node keeps its colour', async () => {
      const [anaId, benId] = idsSharingAColour(2);
      const ana = await createUser(n1, { id: anaId, displayName: 'Ana' });
      const ben = await createUser(n1, { id: benId, displayName: 'Ben' });
      const { name } = await newDraft();
      // An anonymous reader on node 2, so that node 2 holds the draft when Ana announces herself on node 1.
      const watcher = open(n2.url, name);
      await synced(watcher);
      const shown = (e: Editor) =>
        watcher.provider.awareness.getStates().get(e.doc.clientID)?.user as { color: string } | undefined;
      const arrive = async (url: string, u: SignedInUser) => {
        const e = open(url, name, { token: u.token });
        await synced(e);
        e.provider.awareness.setLocalStateField('cursor', null);
        await vi.waitFor(() => expect(shown(e)).toBeDefined(), { timeout: 5_000 });
        expect(e.identity()).toEqual(shown(e));
        return shown(e)!.color;
      };

      const onNode1 = await arrive(n1.url, ana);
      // Ben's usual colour is Ana's: on node 2 he gets another one.
      expect(await arrive(n2.url, ben)).not.toBe(onNode1);
      expect(await arrive(n2.url, ana)).toBe(onNode1);
    });

    it('closing a round on one node turns the editor on the other node read-only within a second', async () => {
      const { round, name } = await newDraft();
      const onNode2 = open(n2.url, name, { token: secretariat.token });
      await synced(onNode2);
      expect(onNode2.denied).toEqual([]);
      await n1.db.getRepository(Round).update({ id: round.id }, { status: 'closed', closedAt: new Date() });
      const closed = await n1.db.getRepository(Round).findOneByOrFail({ id: round.id });
      n1.app.get(EventEmitter2).emit(ROUND_EVENTS.CLOSED, new RoundClosed(closed));
      await vi.waitFor(() => expect(onNode2.denied).toContain('read-only'), { timeout: 1000 });
    });

    it('a node that missed a message on the bus catches up from PostgreSQL', async () => {
      const { name } = await newDraft();
      const b = open(n2.url, name, { token: secretariat.token });
      await synced(b);
      // A committed row whose Redis message never arrived (written behind the nodes' backs).
      const ghost = new Y.Doc();
      ghost.getText('t').insert(0, 'from the log only');
      await n1.app.get(DocStore).append(name, Y.encodeStateAsUpdate(ghost), null);
      await n2.app.get(CollabDocuments).catchUpAll();
      await vi.waitFor(() => expect(b.text.toString()).toBe('from the log only'));
    });
  });
});
