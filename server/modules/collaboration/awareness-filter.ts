import * as decoding from 'lib0/decoding';
import { equalityDeep } from 'lib0/function';
import type { Awareness } from 'y-protocols/awareness';
import type { CollabUserState } from '../../../shared/schemas/collab.js';
import type { Principal } from '../policy/principal.js';
import type { CollabDocument } from './collab-document.js';
import { colourAmong } from './presence-colours.js';

/**
 * Who a newcomer is on a document, as the others will see them. The colour tells the people present apart:
 * the one the person already shows here (another tab, on this node or another), else their usual one unless
 * someone else present shows it, then the next free one. Chosen once per connection, it stays with them while
 * they stay. Present means connected to this document on this node, including connections that have not
 * announced themselves yet (so two people arriving together do not both take the same free colour), or shown
 * by an awareness entry relayed from another node through Redis: its `user` is that node's own choice, so it
 * is trusted. Another node's people are known here once this node holds the document and they announce or
 * renew their presence (every 15 s), so a node that has just loaded the document may not know them yet.
 */
export function userStateOn(doc: CollabDocument, p: Principal): CollabUserState {
  const taken = new Set<string>();
  const own = (color: string) => ({ name: p.displayName, color, userId: p.userId });
  for (const other of doc.connections) {
    if (other.user.userId === p.userId) return own(other.user.color);
    if (other.mayBroadcastPresence) taken.add(other.user.color);
  }
  // This node's announced entries are counted above already; counting them again changes nothing.
  for (const state of doc.awareness.getStates().values()) {
    const user = (state as { user?: Partial<CollabUserState> }).user;
    if (typeof user?.color !== 'string') continue;
    if (user.userId === p.userId) return own(user.color);
    taken.add(user.color);
  }
  return own(colourAmong(p.userId, taken));
}

interface Entry {
  clientId: number;
  clock: number;
  state: unknown;
}

const utf8 = new TextDecoder();

const isRelPos = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One client's awareness entry as the server keeps it. */
export interface OwnAwareness {
  clientId: number;
  clock: number;
  /** Null when the client leaves; otherwise `user` is the connection's own object, shared, not a copy. */
  state: { user: CollabUserState; cursor?: { anchor: unknown; head: unknown } } | null;
}

/**
 * Reads an awareness update from a client so that the server owns what matters (F-A1, F-A5): only the
 * client's own entry survives (the first client id it announced), `user` is the identity's name and colour,
 * `cursor` is kept only for writers and only if it is the shape y-prosemirror sends, and nothing else passes.
 * Returns null when nothing is left. Throws on a blob that does not parse.
 */
export function filterAwareness(
  blob: Uint8Array,
  conn: { clientId: number | null; canWrite: boolean; user: CollabUserState },
  maxStateBytes: number,
): OwnAwareness | null {
  const d = decoding.createDecoder(blob);
  const count = decoding.readVarUint(d);
  if (count > 16) return null;
  // Only the client's own entry is decoded: the stock provider echoes every update it receives (the other
  // readers' entries too), and parsing those costs the server once per reader per arrival in a crowd.
  let own: Entry | undefined;
  let ownId = conn.clientId;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const json = decoding.readVarUint8Array(d);
    // Yjs client ids are uint32; a larger varint is no client's id (and must never alias one).
    if (json.byteLength > maxStateBytes || clientId > 0xffffffff) continue;
    ownId ??= clientId;
    if (clientId === ownId && !own)
      own = { clientId, clock, state: JSON.parse(utf8.decode(json)) as unknown };
  }
  if (!own) return null;
  let state: OwnAwareness['state'] = null;
  if (own.state !== null && typeof own.state === 'object') {
    state = { user: conn.user };
    const cursor = (own.state as Record<string, unknown>).cursor as
      Record<string, unknown> | null | undefined;
    if (conn.canWrite && cursor && isRelPos(cursor.anchor) && isRelPos(cursor.head)) {
      state.cursor = { anchor: cursor.anchor, head: cursor.head };
    }
  }
  return { clientId: own.clientId, clock: own.clock, state };
}

/**
 * Sets one client's entry as y-protocols' applyAwarenessUpdate does (newer clock wins; same events), but from
 * the object filterAwareness made rather than re-encoded JSON: no parse per message, and the state shares the
 * connection's `user` instead of holding a copy for each of hundreds of readers.
 */
export function applyOwnAwareness(awareness: Awareness, entry: OwnAwareness, origin: unknown) {
  const { clientId, clock, state } = entry;
  const meta = awareness.meta.get(clientId);
  const previous = awareness.states.get(clientId);
  const currentClock = meta?.clock ?? 0;
  if (!(
    currentClock < clock ||
    (currentClock === clock && state === null && awareness.states.has(clientId))
  )) {
    return;
  }
  if (state === null) awareness.states.delete(clientId);
  else awareness.states.set(clientId, state);
  awareness.meta.set(clientId, { clock, lastUpdated: Date.now() });
  const added = meta === undefined && state !== null ? [clientId] : [];
  const removed = meta !== undefined && state === null ? [clientId] : [];
  const updated = meta !== undefined && state !== null ? [clientId] : [];
  const changed = updated.length && !equalityDeep(state, previous) ? updated : [];
  if (added.length || changed.length || removed.length) {
    awareness.emit('change', [{ added, updated: changed, removed }, origin]);
  }
  if (added.length || updated.length || removed.length)
    awareness.emit('update', [{ added, updated, removed }, origin]);
}
