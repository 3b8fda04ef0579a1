import request from 'supertest';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { draftDocName, summaryDocName } from '../shared/domain.js';
import { CollabDocuments } from '../server/modules/collaboration/collab-documents.service.js';
import { DocStore } from '../server/modules/collaboration/persistence/doc-store.service.js';
import { closedWith, connectEditor, type Editor, idsSharingAColour, synced } from './helpers/collab.js';
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
let participant: SignedInUser;
let draft: string;
let roundId: string;
const editors: Editor[] = [];
const open = (...args: Parameters<typeof connectEditor>) => {
  const e = connectEditor(...args);
  editors.push(e);
  return e;
};

const PRESENCE_RENEWAL_WINDOW_MS = 400;
const PRESENCE_CHANGE_INTERVAL_MS = 300;
/** How long a relay may take before a test fails: a bound for a slow machine, never a window to wait out. */
const RELAYED = { timeout: 5_000 };

/** Where a cursor sits. */
const caret = (pos: number) => ({ anchor: { pos }, head: { pos } });

/**
 * Two people on a new round's draft, announced, and a third (the secretariat) who watches their presence;
 * `received` holds every awareness message the watcher gets from then on (each is applied as one 'update'
 * event): whose states it carries, and when it came.
 */
async function presenceOnNewDraft(second: SignedInUser) {
  const { consultation } = await createConsultation(t);
  const name = draftDocName((await createRound(t, consultation.id)).id);
  const [a, b, watcher] = [secretariat, second, secretariat].map((u) =>
    open(t.url, name, { token: u.token }),
  );
  await Promise.all([a, b, watcher].map(synced));
  a.provider.awareness.setLocalStateField('cursor', null);
  b.provider.awareness.setLocalStateField('cursor', null);
  const states = () => watcher.provider.awareness.getStates();
  // An arrival is a change (the state a client announces on connecting, clock 0, the server ignores): once the
  // watcher holds both, their relays are out and nothing else is queued, so the test starts from quiet.
  await vi.waitFor(
    () => expect(states().has(a.doc.clientID) && states().has(b.doc.clientID)).toBe(true),
    RELAYED,
  );
  const received: { ids: number[]; at: number }[] = [];
  watcher.provider.awareness.on('update', (c: { added: number[]; updated: number[] }, origin: unknown) => {
    if (origin !== 'local') received.push({ ids: [...c.added, ...c.updated].sort(), at: Date.now() });
  });
  return { a, b, watcher, states, received };
}

beforeAll(async () => {
  t = await createTestApp({
    env: {
      COLLAB_PRESENCE_RENEWAL_WINDOW_MS: String(PRESENCE_RENEWAL_WINDOW_MS),
      COLLAB_PRESENCE_CHANGE_INTERVAL_MS: String(PRESENCE_CHANGE_INTERVAL_MS),
    },
  });
  secretariat = await createUser(t, { platformRole: 'secretariat', displayName: 'Sam Secretariat' });
  participant = await createUser(t, { displayName: 'Pat Participant' });
  const { consultation } = await createConsultation(t);
  roundId = (await createRound(t, consultation.id)).id;
  draft = draftDocName(roundId);
});

afterAll(async () => {
  for (const e of editors) e.destroy();
  await t?.close();
});

const storedText = async (name: string) => {
  const doc = await t.app.get(CollabDocuments).read(name);
  return doc.getText('t').toString();
};

describe('/collab with the stock y-websocket client', () => {
  it('two secretariat editors converge, and the edit is in PostgreSQL', async () => {
    const a = open(t.url, draft, { token: secretariat.token });
    const b = open(t.url, draft, { token: secretariat.token });
    await Promise.all([synced(a), synced(b)]);
    a.text.insert(0, 'Hello ');
    b.text.insert(0, 'World');
    await vi.waitFor(() => {
      expect(a.text.toString()).toBe(b.text.toString());
      expect(a.text.toString()).toHaveLength(11);
    });
    const rows = await t.app.get(DocStore).load(draft);
    const fromDb = new Y.Doc();
    rows.updates.forEach((u) => Y.applyUpdate(fromDb, u));
    expect(fromDb.getText('t').toString()).toBe(a.text.toString());
  });

  it("a read-only participant's edit changes nothing anywhere: other clients, the database, after reload", async () => {
    const writer = open(t.url, draft, { token: secretariat.token });
    const reader = open(t.url, draft, { token: participant.token });
    await Promise.all([synced(writer), synced(reader)]);
    const before = writer.text.toString();
    expect(reader.text.toString()).toBe(before);
    expect(reader.denied).toContain('read-only');

    reader.text.insert(0, 'FORGED ');
    await vi.waitFor(() => expect(reader.denied.length).toBeGreaterThan(1));
    writer.text.insert(writer.text.length, '!');
    // The reader still follows live edits (its connection stays open) …
    await vi.waitFor(() => expect(reader.text.toString()).toContain('!'));
    // … and nobody else ever sees its forged text.
    expect(writer.text.toString()).toBe(`${before}!`);
    expect(await storedText(draft)).toBe(`${before}!`);
    const fresh = open(t.url, draft, { token: secretariat.token });
    await synced(fresh);
    expect(fresh.text.toString()).toBe(`${before}!`);
  });

  it('an anonymous reader of a public consultation reads live and cannot write', async () => {
    const writer = open(t.url, draft, { token: secretariat.token });
    const anon = open(t.url, draft);
    await Promise.all([synced(writer), synced(anon)]);
    writer.text.insert(0, '[anon sees this] ');
    await vi.waitFor(() => expect(anon.text.toString()).toContain('[anon sees this]'));
    expect(anon.denied).toEqual([]);
    // It names itself, then tries to write: the refusal comes once the server has read both, in that order.
    anon.provider.awareness.setLocalStateField('user', { name: 'Mallory' });
    anon.text.insert(0, 'ANON ');
    await vi.waitFor(() => expect(anon.denied).toEqual(['read-only']));
    expect(await storedText(draft)).not.toContain('ANON');
    // Silent: an anonymous reader never appears in the presence list. Someone who arrives after it named itself
    // is relayed after anything that could have queued, so once the writer sees them it would see Mallory too.
    const later = open(t.url, draft, { token: secretariat.token });
    await synced(later);
    later.provider.awareness.setLocalStateField('cursor', caret(0));
    await vi.waitFor(
      () => expect(writer.provider.awareness.getStates().has(later.doc.clientID)).toBe(true),
      RELAYED,
    );
    const names = [...writer.provider.awareness.getStates().values()].map(
      (s) => (s.user as { name?: string })?.name,
    );
    expect(names).not.toContain('Mallory');
    expect(writer.provider.awareness.getStates().has(anon.doc.clientID)).toBe(false);
  });

  it('a restricted consultation refuses anonymous readers (4401) and outsiders (4403), admits enrolled ones', async () => {
    const { consultation } = await createConsultation(t, { visibility: 'restricted' });
    const round = await createRound(t, consultation.id);
    const name = draftDocName(round.id);
    expect(await closedWith(open(t.url, name))).toBe(4401);
    expect(await closedWith(open(t.url, name, { token: participant.token }))).toBe(4403);
    const observer = await createUser(t);
    await grantRole(t, consultation.id, observer.user.id, 'observer');
    const enrolled = open(t.url, name, { token: observer.token });
    await synced(enrolled);
    expect(enrolled.denied).toContain('read-only');
  });

  it('forged, expired-looking and wrong-document credentials close with 4401; unknown documents with 4404', async () => {
    const forged = `${secretariat.token.slice(0, -4)}AAAA`;
    expect(await closedWith(open(t.url, draft, { token: forged }))).toBe(4401);
    expect(await closedWith(open(t.url, draft, { ticket: 'not-a-ticket' }))).toBe(4401);
    const other = await request(t.url)
      .post('/api/collab/tickets')
      .set('authorization', secretariat.auth)
      .send({ docName: draftDocName(roundId) })
      .expect(201);
    expect(await closedWith(open(t.url, summaryDocName(roundId), { ticket: other.body.ticket }))).toBe(4401);
    // An API access token is not a ticket, and a ticket is not an API access token.
    expect(await closedWith(open(t.url, draft, { ticket: secretariat.token }))).toBe(4401);
    await request(t.url).get('/api/me').set('authorization', `Bearer ${other.body.ticket}`).expect(401);
    const unknownRound = draftDocName('00000000-0000-4000-8000-000000000000');
    expect(await closedWith(open(t.url, unknownRound, { token: secretariat.token }))).toBe(4404);
  });

  it('a ticket from POST /api/collab/tickets opens the document with the rights it announces', async () => {
    await request(t.url).post('/api/collab/tickets').send({ docName: draft }).expect(401);
    await request(t.url)
      .post('/api/collab/tickets')
      .set('authorization', secretariat.auth)
      .send({ docName: 'something-else' })
      .expect(400);
    const res = await request(t.url)
      .post('/api/collab/tickets')
      .set('authorization', participant.auth)
      .send({ docName: draft })
      .expect(201);
    expect(res.body).toMatchObject({ expiresIn: 60, canWrite: false });
    const viaTicket = open(t.url, draft, { ticket: res.body.ticket });
    await synced(viaTicket);
    expect(viaTicket.denied).toContain('read-only');
    // Summary: chairs only; a participant gets no ticket.
    await request(t.url)
      .post('/api/collab/tickets')
      .set('authorization', participant.auth)
      .send({ docName: summaryDocName(roundId) })
      .expect(403);
  });

  it('the session cookie works from our own origin and is refused from another site', async () => {
    const cookie = `consulta_at=${secretariat.token}`;
    const same = open(t.url, draft, { headers: { cookie, origin: t.url } });
    await synced(same);
    expect(same.denied).toEqual([]);
    const cross = open(t.url, draft, { headers: { cookie, origin: 'https://evil.example' } });
    expect(await closedWith(cross)).toBe(4401);
  });

  it('socket.io keeps working beside /collab, and other upgrade paths get a 404', async () => {
    const socket = io(t.url, { transports: ['websocket'], auth: { token: secretariat.token } });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', resolve);
        socket.on('connect_error', reject);
      });
      const { consultation } = await createConsultation(t);
      const ack = await socket.emitWithAck('subscribe', { consultationId: consultation.id });
      expect(ack).toEqual({ ok: true });
    } finally {
      socket.disconnect();
    }
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/elsewhere`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(404);
    // A path that does not even decode is a 404 too, and the server stays up.
    const bad = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/collab/%E0%A4%A`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(bad).toBe(404);
    await request(t.url).get('/api/health').expect(200);
  });

  it('presence is server-owned: the name comes from the identity, other client ids are dropped', async () => {
    const chairUser = await createUser(t, { displayName: 'Chloé Chair' });
    const { consultation } = await createConsultation(t);
    await grantRole(t, consultation.id, chairUser.user.id, 'chair');
    const round = await createRound(t, consultation.id);
    const name = draftDocName(round.id);
    const chair = open(t.url, name, { token: chairUser.token });
    const watcher = open(t.url, name, { token: secretariat.token });
    await Promise.all([synced(chair), synced(watcher)]);
    chair.provider.awareness.setLocalStateField('user', {
      name: 'Secretary-General',
      color: 'red;background:url(x)',
    });
    await vi.waitFor(() => {
      const state = watcher.provider.awareness.getStates().get(chair.doc.clientID);
      expect(state?.user).toMatchObject({
        name: 'Chloé Chair',
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      });
    });

    // A writer's cursor passes, but an oversized state is dropped whole, and the connection stays open.
    const [writer, later] = [secretariat, secretariat].map((u) => open(t.url, name, { token: u.token }));
    await Promise.all([synced(writer), synced(later)]);
    const states = () => watcher.provider.awareness.getStates();
    const seen: string[] = [];
    watcher.provider.awareness.on('change', () =>
      seen.push(JSON.stringify(states().get(writer.doc.clientID) ?? null)),
    );
    writer.provider.awareness.setLocalStateField('cursor', { anchor: { big: 'x'.repeat(5000) }, head: {} });
    // The server reads a connection's messages in order: once the writer's next edit is out, it has read the
    // oversized state; someone else's move, queued after anything that state could have queued, comes after it.
    writer.text.insert(0, 'next edit ');
    await vi.waitFor(() => expect(watcher.text.toString()).toContain('next edit'), RELAYED);
    later.provider.awareness.setLocalStateField('cursor', caret(1));
    await vi.waitFor(() => expect(states().get(later.doc.clientID)?.cursor).toEqual(caret(1)), RELAYED);
    writer.provider.awareness.setLocalStateField('cursor', { anchor: { pos: 2 }, head: { pos: 3 } });
    await vi.waitFor(
      () =>
        expect(states().get(writer.doc.clientID)?.cursor).toEqual({ anchor: { pos: 2 }, head: { pos: 3 } }),
      RELAYED,
    );
    expect(seen.join()).not.toContain('xxxx');
    expect(writer.provider.wsconnected).toBe(true);
  });

  it('people present together on a draft show different colours, and each keeps theirs while connected', async () => {
    const ids = idsSharingAColour(4);
    const [ana, ben, cleo, dan] = await Promise.all(
      ['Ana', 'Ben', 'Cleo', 'Dan'].map((displayName, i) => createUser(t, { id: ids[i], displayName })),
    );
    const { consultation } = await createConsultation(t);
    const name = draftDocName((await createRound(t, consultation.id)).id);
    const watcher = open(t.url, name);
    await synced(watcher);
    /** Those connected, each with the colour the server told them they show. */
    const present: { e: Editor; colour: string }[] = [];
    const colourOf = (viewer: Editor, e: Editor) =>
      (viewer.provider.awareness.getStates().get(e.doc.clientID)?.user as { color: string } | undefined)
        ?.color;
    /** Every colour each connection was ever shown in, by anyone connected (a recolouring leaves two). */
    const everShown = new Map<number, Set<string>>();
    const record = (viewer: Editor) =>
      viewer.provider.awareness.on('change', () => {
        for (const [id, state] of viewer.provider.awareness.getStates()) {
          const colour = (state.user as { color?: string } | undefined)?.color;
          if (colour) everShown.set(id, (everShown.get(id) ?? new Set()).add(colour));
        }
      });
    record(watcher);
    /**
     * Once a newcomer's presence has reached everyone, and everyone has renewed theirs since (what the server
     * relays after an arrival, it relays before that), the colours everyone sees: each the one its owner was
     * told, and never any other.
     */
    const settled = async () => {
      // Each sees the others (its own entry is the one it sent, without the server's `user`).
      const pairs = [watcher, ...present.map((p) => p.e)].flatMap((viewer) =>
        present.filter((p) => p.e !== viewer).map((p) => ({ viewer, ...p })),
      );
      await vi.waitFor(() => {
        for (const { viewer, e, colour } of pairs) expect(colourOf(viewer, e)).toBe(colour);
      }, RELAYED);
      const renewedAt = Date.now();
      for (const { e } of present) e.provider.awareness.setLocalState(e.provider.awareness.getLocalState());
      await vi.waitFor(() => {
        for (const { viewer, e } of pairs)
          expect(viewer.provider.awareness.meta.get(e.doc.clientID)?.lastUpdated).toBeGreaterThanOrEqual(
            renewedAt,
          );
      }, RELAYED);
      for (const { viewer, e, colour } of pairs) expect(colourOf(viewer, e)).toBe(colour);
      for (const p of present) expect([...everShown.get(p.e.doc.clientID)!]).toEqual([p.colour]);
      return present.map((p) => p.colour);
    };
    /** Connects one person, announced, and returns the colour the others see, which is the one they are told. */
    const arrive = async (u: SignedInUser) => {
      const e = open(t.url, name, { token: u.token });
      record(e);
      await synced(e);
      e.provider.awareness.setLocalStateField('cursor', null);
      await vi.waitFor(() => expect(colourOf(watcher, e)).toBeDefined(), RELAYED);
      expect(e.identity()).toEqual(watcher.provider.awareness.getStates().get(e.doc.clientID)?.user);
      const arrived = { e, colour: e.identity()!.color };
      present.push(arrived);
      return arrived;
    };

    const first = await arrive(ana);
    const second = await arrive(ben);
    const third = await arrive(cleo);
    expect(new Set(await settled()).size).toBe(3);
    // Ben in a second tab is the same person: the same colour; the others keep theirs.
    expect((await arrive(ben)).colour).toBe(second.colour);
    expect(await settled()).toEqual([first.colour, second.colour, third.colour, second.colour]);

    // Ana leaves: her colour is free again for Dan, and those who stayed keep theirs.
    first.e.destroy();
    present.shift();
    await vi.waitFor(() => expect(colourOf(watcher, first.e)).toBeUndefined(), RELAYED);
    expect((await arrive(dan)).colour).toBe(first.colour);
    expect(await settled()).toEqual([second.colour, third.colour, second.colour, first.colour]);
  });

  it('relays a presence change at once, and gathers bare renewals into one message per reader', async () => {
    const { a, b, watcher, received } = await presenceOnNewDraft(participant);

    const renew = (e: Editor) => e.provider.awareness.setLocalState(e.provider.awareness.getLocalState());
    const sentAt = Date.now();
    renew(a);
    renew(b);
    await vi.waitFor(() => expect(received).toHaveLength(1), RELAYED);
    // Nothing came in the first half of the window: the first message is the one that gathers both.
    expect(received[0].at - sentAt).toBeGreaterThanOrEqual(PRESENCE_RENEWAL_WINDOW_MS / 2);
    expect(received[0].ids).toEqual([a.doc.clientID, b.doc.clientID].sort());
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(PRESENCE_RENEWAL_WINDOW_MS);
    // The renewal refreshed the watcher's copy, so it will not time the others out.
    const meta = watcher.provider.awareness.meta.get(a.doc.clientID);
    expect(meta?.lastUpdated).toBeGreaterThanOrEqual(sentAt);

    // A change is not held back.
    received.length = 0;
    a.provider.awareness.setLocalStateField('cursor', caret(1));
    await vi.waitFor(() => expect(received.map((r) => r.ids)).toEqual([[a.doc.clientID]]), {
      timeout: PRESENCE_RENEWAL_WINDOW_MS / 2,
    });
  });

  it('relays the changes that follow one another within the change interval together, the latest state each', async () => {
    // Both may edit, so both have cursors (a reader's is not relayed).
    const { a, b, states, received } = await presenceOnNewDraft(secretariat);

    const cursorAt = (e: Editor, pos: number) =>
      e.provider.awareness.setLocalStateField('cursor', caret(pos));
    cursorAt(a, 1);
    await vi.waitFor(() => expect(received).toHaveLength(1), RELAYED);
    // Within the interval: a moves twice and b once; they wait for the interval and go in one message.
    cursorAt(a, 2);
    cursorAt(b, 3);
    cursorAt(a, 4);
    await vi.waitFor(() => expect(received).toHaveLength(2), RELAYED);
    expect(received[1].ids).toEqual([a.doc.clientID, b.doc.clientID].sort());
    // Held for the rest of the interval (measured here, after two hops: half of it, to allow for a slow machine).
    expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(PRESENCE_CHANGE_INTERVAL_MS / 2);
    expect(states().get(a.doc.clientID)?.cursor).toEqual(caret(4));
    expect(states().get(b.doc.clientID)?.cursor).toEqual(caret(3));
    // Nothing follows that message: b moves once more, and that move, queued after those, is the next message.
    cursorAt(b, 5);
    await vi.waitFor(() => expect(states().get(b.doc.clientID)?.cursor).toEqual(caret(5)), RELAYED);
    expect(received.map((r) => r.ids)).toEqual([
      [a.doc.clientID],
      [a.doc.clientID, b.doc.clientID].sort(),
      [b.doc.clientID],
    ]);
  });
});
