import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { colourOf } from '../../../shared/editor/presence.js';
import type { CollabUserState } from '../../../shared/schemas/collab.js';
import type { Principal } from '../policy/principal.js';

export function userStateOf(p: Principal): CollabUserState {
  return { name: p.displayName, color: colourOf(p.userId), userId: p.userId };
}

interface Entry {
  clientId: number;
  clock: number;
  state: unknown;
}

const isRelPos = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rewrites an awareness update from a client so that the server owns what matters (F-A1, F-A5): only the
 * client's own entry survives (the first client id it announced), `user` is replaced with the identity's
 * name and colour, `cursor` is kept only for writers and only if it is the shape y-prosemirror sends, and
 * nothing else passes. Returns null when nothing is left. Throws on a blob that does not parse.
 */
export function filterAwareness(
  blob: Uint8Array,
  conn: { clientId: number | null; canWrite: boolean; user: CollabUserState },
  maxStateBytes: number,
): { update: Uint8Array; clientId: number } | null {
  const d = decoding.createDecoder(blob);
  const count = decoding.readVarUint(d);
  if (count > 16) return null;
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const json = decoding.readVarString(d);
    if (json.length > maxStateBytes) continue;
    entries.push({ clientId, clock, state: JSON.parse(json) as unknown });
  }
  const own = entries.find((e) => e.clientId === (conn.clientId ?? entries[0]?.clientId));
  if (!own) return null;
  let state: Record<string, unknown> | null = null;
  if (own.state !== null && typeof own.state === 'object') {
    const given = own.state as Record<string, unknown>;
    state = { user: conn.user };
    const cursor = given.cursor as Record<string, unknown> | null | undefined;
    if (conn.canWrite && cursor && isRelPos(cursor.anchor) && isRelPos(cursor.head)) {
      state.cursor = { anchor: cursor.anchor, head: cursor.head };
    }
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, own.clientId);
  encoding.writeVarUint(e, own.clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return { update: encoding.toUint8Array(e), clientId: own.clientId };
}
