import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { AUTH_MESSAGE, type CollabUserState } from '../../../shared/schemas/collab.js';

/** y-websocket's top-level message types (varUint first in every message). */
export const MSG = { SYNC: 0, AWARENESS: 1, AUTH: 2, QUERY_AWARENESS: 3 } as const;
/** Sub-types of a sync message. */
export const SYNC = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const;

/** Thrown for any message that does not parse; the connection closes with 4400. */
export class MalformedMessage extends Error {}

export type ClientMessage =
  | { type: 'step1'; stateVector: Uint8Array }
  | { type: 'step2' | 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'auth' };

/**
 * Parses one binary message completely before anything acts on it: a truncated varint, a length past the
 * end, trailing bytes, an unknown type or an update too short to be one all throw MalformedMessage (an
 * empty buffer given to Y.applyUpdate would loop forever: yjs/yjs#498).
 */
export function parseClientMessage(data: Uint8Array): ClientMessage {
  try {
    if (data.length === 0) throw new MalformedMessage('empty message');
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    let msg: ClientMessage;
    if (type === MSG.SYNC) {
      const sub = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (sub === SYNC.STEP1) {
        Y.decodeStateVector(payload);
        msg = { type: 'step1', stateVector: payload };
      } else if (sub === SYNC.STEP2 || sub === SYNC.UPDATE) {
        if (payload.length < 2) throw new MalformedMessage('update too short');
        msg = { type: sub === SYNC.STEP2 ? 'step2' : 'update', update: payload };
      } else throw new MalformedMessage(`unknown sync message ${sub}`);
    } else if (type === MSG.AWARENESS) {
      msg = { type: 'awareness', update: decoding.readVarUint8Array(d) };
    } else if (type === MSG.QUERY_AWARENESS) {
      msg = { type: 'queryAwareness' };
    } else if (type === MSG.AUTH) {
      // Clients have nothing to say in the auth protocol; tolerated and ignored like the reference server.
      msg = { type: 'auth' };
      return msg;
    } else throw new MalformedMessage(`unknown message type ${type}`);
    if (decoding.hasContent(d)) throw new MalformedMessage('trailing bytes');
    return msg;
  } catch (err) {
    throw err instanceof MalformedMessage ? err : new MalformedMessage((err as Error).message);
  }
}

export function step1Message(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.SYNC);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function step2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.SYNC);
  syncProtocol.writeSyncStep2(e, doc, stateVector);
  return encoding.toUint8Array(e);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.AWARENESS);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** y-protocols' permission-denied message: the stock client logs it, ours turns the editor read-only. */
export function permissionDeniedMessage(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.AUTH);
  authProtocol.writePermissionDenied(e, reason);
  return encoding.toUint8Array(e);
}

/** Tells a connection how the others see it (AUTH_MESSAGE.IDENTITY): the stock client ignores it. */
export function identityMessage(user: CollabUserState): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.AUTH);
  encoding.writeVarUint(e, AUTH_MESSAGE.IDENTITY);
  encoding.writeVarString(e, JSON.stringify(user));
  return encoding.toUint8Array(e);
}

/** Whether an update carries structs the document does not have yet (its delete set is not looked at). */
export function addsContent(doc: Y.Doc, update: Uint8Array): boolean {
  const { to } = Y.parseUpdateMeta(update);
  for (const [client, clock] of to) if (Y.getState(doc.store, client) < clock) return true;
  return false;
}

/**
 * One complete binary WebSocket frame (RFC 6455 §5.2; server frames are not masked) around a message, so a
 * broadcast frames it once instead of once per socket.
 */
export function binaryFrame(message: Uint8Array): Buffer {
  const n = message.byteLength;
  const headerLength = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + n);
  frame[0] = 0x82; // FIN, opcode 2 (binary)
  if (n < 126) frame[1] = n;
  else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  frame.set(message, headerLength);
  return frame;
}
