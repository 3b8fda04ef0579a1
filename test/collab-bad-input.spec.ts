import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { draftDocName } from '../shared/domain.js';
import { CLOSE } from '../server/modules/collaboration/close-codes.js';
import { connectEditor, type Editor, synced } from './helpers/collab.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let secretariat: SignedInUser;
let draft: string;
let a: Editor;
let b: Editor;

/** A raw socket (as the secretariat unless said), to send what no honest client would. */
async function rawSocket(
  as: SignedInUser = secretariat,
): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/collab/${draft}`, {
    headers: { authorization: as.auth },
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  // The server speaks first (SyncStep1) once the connection is authenticated.
  await new Promise((resolve) => ws.once('message', resolve));
  return { ws, closed };
}

const bytes = (...b: number[]) => Buffer.from(b);
const syncUpdate = (payload: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, payload);
  return Buffer.from(encoding.toUint8Array(e));
};

/** An awareness message with one entry, as a client would send it (any id, clock and state). */
const awareness = (clientId: number, clock: number, state: unknown) => {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // an awareness message
  encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
  return Buffer.from(encoding.toUint8Array(e));
};

beforeAll(async () => {
  t = await createTestApp({ env: { COLLAB_MAX_MESSAGE_BYTES: String(64 * 1024) } });
  secretariat = await createUser(t, { platformRole: 'secretariat' });
  const { consultation } = await createConsultation(t);
  draft = draftDocName((await createRound(t, consultation.id)).id);
  a = connectEditor(t.url, draft, { token: secretariat.token });
  b = connectEditor(t.url, draft, { token: secretariat.token });
  await Promise.all([synced(a), synced(b)]);
});

afterAll(async () => {
  a?.destroy();
  b?.destroy();
  await t?.close();
});

const cases: [string, () => Buffer | string, number][] = [
  ['an empty binary message', () => bytes(), CLOSE.MALFORMED.code],
  ['a truncated varint', () => bytes(0xff), CLOSE.MALFORMED.code],
  ['a sync message cut short', () => bytes(0, 2, 10, 1, 2), CLOSE.MALFORMED.code],
  ['an unknown message type', () => bytes(9, 0), CLOSE.MALFORMED.code],
  ['an unknown sync sub-type', () => bytes(0, 7, 0), CLOSE.MALFORMED.code],
  ['an update too short to be one', () => bytes(0, 2, 0), CLOSE.MALFORMED.code],
  [
    'garbage claiming to be an update',
    () => syncUpdate(new Uint8Array([200, 200, 200, 200, 1, 2, 3])),
    CLOSE.MALFORMED.code,
  ],
  ['trailing bytes after a message', () => bytes(3, 0), CLOSE.MALFORMED.code],
  ['a malformed awareness update', () => bytes(1, 3, 5, 1, 1), CLOSE.MALFORMED.code],
  ['a text frame', () => 'hello', CLOSE.TEXT_FRAME.code],
  ['an oversized message', () => Buffer.alloc(65 * 1024, 7), CLOSE.TOO_LARGE.code],
];

describe('bad input on /collab closes only the sender', () => {
  it.each(cases)('%s', async (_name, make, code) => {
    const { ws, closed } = await rawSocket();
    ws.send(make());
    expect(await closed).toBe(code);
    // The process stays up and honest clients still converge.
    const marker = `${code}-${Math.random().toString(36).slice(2, 6)}`;
    a.text.insert(0, marker);
    await vi.waitFor(() => expect(b.text.toString()).toContain(marker));
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });

  it("no connection can take another client's presence id (as its own, or aliased beyond 32 bits)", async () => {
    a.provider.awareness.setLocalStateField('cursor', { anchor: { pos: 1 }, head: { pos: 1 } });
    const victim = a.doc.clientID;
    const seen = () => b.provider.awareness.getStates().get(victim);
    await vi.waitFor(() => expect(seen()?.cursor).toEqual({ anchor: { pos: 1 }, head: { pos: 1 } }));
    // Everything the other reader sees of the victim from now on.
    const observed: string[] = [];
    b.provider.awareness.on('change', () => observed.push(JSON.stringify(seen()?.cursor ?? 'gone')));
    const hijack = { cursor: { anchor: { pos: 9 }, head: { pos: 9 } } };
    // Another person who may edit too (so that a cursor of theirs would be relayed).
    const other = await createUser(t, { platformRole: 'secretariat', displayName: 'Another Secretariat' });
    for (const first of [victim, 2 ** 32 + victim]) {
      const { ws, closed } = await rawSocket(other);
      ws.send(awareness(first, 1, hijack));
      ws.send(awareness(victim, 1_000_000, hijack));
      ws.close();
      await closed;
    }
    // The victim then moves: once the other reader sees that, whatever the attempts made relay had arrived.
    const moved = { anchor: { pos: 2 }, head: { pos: 2 } };
    a.provider.awareness.setLocalStateField('cursor', moved);
    await vi.waitFor(() => expect(seen()?.cursor).toEqual(moved));
    const own = [{ anchor: { pos: 1 }, head: { pos: 1 } }, moved].map((c) => JSON.stringify(c));
    expect(observed.filter((c) => !own.includes(c))).toEqual([]);
  });

  it('the same person may take their presence id over (a client back before its old socket was noticed gone)', async () => {
    const id = a.doc.clientID;
    const seen = () => b.provider.awareness.getStates().get(id);
    a.provider.awareness.setLocalStateField('cursor', { anchor: { pos: 5 }, head: { pos: 5 } });
    await vi.waitFor(() => expect(seen()?.cursor).toEqual({ anchor: { pos: 5 }, head: { pos: 5 } }));
    const { ws, closed } = await rawSocket(secretariat);
    ws.send(awareness(id, 2_000_000, { cursor: { anchor: { pos: 7 }, head: { pos: 7 } } }));
    await vi.waitFor(() => expect(seen()?.cursor).toEqual({ anchor: { pos: 7 }, head: { pos: 7 } }));
    ws.close();
    await closed;
  });

  it('a flood beyond the per-connection rate closes that connection with 4429', async () => {
    const { ws, closed } = await rawSocket();
    const query = bytes(3);
    for (let i = 0; i < 2000; i++) ws.send(query);
    expect(await closed).toBe(CLOSE.RATE_LIMITED.code);
    a.text.insert(0, 'after-flood ');
    await vi.waitFor(() => expect(b.text.toString()).toContain('after-flood'));
  });

  it('a ping is answered with its payload; a ping flood is cut like any other flood', async () => {
    const { ws, closed } = await rawSocket();
    const pong = new Promise<Buffer>((resolve) => ws.once('pong', resolve));
    ws.ping(Buffer.from('still there?'));
    expect((await pong).toString()).toBe('still there?');
    // Not reading either: whether the rate or the pongs waiting in the server stop it first, it is cut.
    ws.pause();
    const payload = Buffer.alloc(125, 1);
    for (let i = 0; i < 2_000; i++) ws.ping(payload);
    await new Promise((resolve) => setTimeout(resolve, 500));
    ws.resume();
    expect([CLOSE.RATE_LIMITED.code, 1006]).toContain(await closed);
    a.text.insert(0, 'after-pings ');
    await vi.waitFor(() => expect(b.text.toString()).toContain('after-pings'));
  });

  it('a flood sent before authentication finished is cut with 4429 (bounded pre-auth queue and rate)', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/collab/${draft}`);
    ws.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    for (let i = 0; i < 500; i++) ws.send(bytes(3));
    expect(await closed).toBe(CLOSE.RATE_LIMITED.code);
  });
});
