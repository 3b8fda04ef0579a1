import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { anchorFromOffsets } from '../shared/anchoring/anchor.js';
import { draftFragment, plainText } from '../shared/anchoring/plain-text.js';
import { draftDocName } from '../shared/domain.js';
import { SERVER_EVENTS } from '../shared/events.js';
import type { ThreadListView } from '../shared/schemas/annotations.js';
import { connectEditor, synced, type Editor } from './helpers/collab.js';
import { hasRedis } from './helpers/environment.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { liveClient, type LiveClient } from './helpers/live.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { openThread } from './helpers/threads.js';

// An async collector: top-level await is not available in these CommonJS-compiled specs.
describe('Annotations on several nodes', async () => {
  const redisUp = await hasRedis();
  describe.skipIf(!redisUp)('two app nodes sharing PostgreSQL and Redis', () => {
    let n1: TestApp;
    let n2: TestApp;
    let sec: SignedInUser;
    let alice: SignedInUser;
    let writer: Editor;
    let live: LiveClient;
    let roundId: string;

    beforeAll(async () => {
      const env = { REDIS_URL: process.env.REDIS_URL };
      n1 = await createTestApp({ env });
      n2 = await createTestApp({ database: n1.database, env });
      sec = await createUser(n1, { platformRole: 'secretariat' });
      alice = await createUser(n1, { displayName: 'Alice' });
      const { consultation } = await createConsultation(n1);
      roundId = (await createRound(n1, consultation.id)).id;
      live = await liveClient(n2.url, consultation.id);
      // The secretariat writes the draft through node 1.
      writer = connectEditor(n1.url, draftDocName(roundId), { token: sec.token });
      await synced(writer);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Member States retain their sovereign rights.')]);
      draftFragment(writer.doc).insert(0, [p]);
    });
    afterAll(async () => {
      live?.close();
      writer?.destroy();
      await n2?.close();
      await n1?.close();
    });

    it('an anchor made on node 1’s draft is accepted by node 2, and the thread is announced on both', async () => {
      const text = () => plainText(draftFragment(writer.doc)).text;
      const from = text().indexOf('sovereign');
      const anchor = anchorFromOffsets(writer.doc, from, from + 'sovereign rights'.length)!;
      // Node 2 reads the draft from PostgreSQL (it never had it loaded): the committed edit must be there.
      await vi.waitFor(async () => {
        const res = await openThread(n2, alice.auth, roundId, {
          target: 'passage',
          anchor,
          body: 'Which rights?',
        });
        expect(res.status).toBe(201);
      });
      await vi.waitFor(() =>
        expect(live.received.some((e) => e.name === SERVER_EVENTS.THREAD_UPDATED)).toBe(true),
      );
      const list = (await request(n1.url).get(`/api/rounds/${roundId}/threads`).expect(200))
        .body as ThreadListView;
      expect(list.threads[0].anchor).toMatchObject({ status: 'exact', currentText: 'sovereign rights' });
    });

    it('a reply through node 1 reaches a socket on node 2', async () => {
      const [thread] = (
        (await request(n2.url).get(`/api/rounds/${roundId}/threads`).expect(200)).body as ThreadListView
      ).threads;
      const before = live.received.length;
      await request(n1.url)
        .post(`/api/threads/${thread.id}/comments`)
        .set('Authorization', sec.auth)
        .send({ body: 'The ones in the Constitution.' })
        .expect(201);
      await vi.waitFor(() =>
        expect(
          live.received
            .slice(before)
            .some(
              (e) =>
                e.name === SERVER_EVENTS.COMMENT_UPDATED &&
                (e.payload as { threadId: string }).threadId === thread.id,
            ),
        ).toBe(true),
      );
    });
  });
});
