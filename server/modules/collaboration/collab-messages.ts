import { Logger } from '@nestjs/common';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { applyOwnAwareness, filterAwareness } from './awareness-filter.js';
import type { CollabConnection } from './collab-connection.js';
import type { CollabDocument } from './collab-document.js';
import {
  addsContent,
  awarenessMessage,
  parseClientMessage,
  permissionDeniedMessage,
  step2Message,
} from './protocol.js';

const logger = new Logger('CollabMessages');

export const READ_ONLY_REASON = 'read-only';

/**
 * Acts on one message of an authenticated connection, as y-websocket's reference server does, plus the
 * rights: a read-only connection's SyncStep2 and Update are never applied (so never stored or relayed).
 * Throws for anything that does not parse or apply; the caller closes that connection only (4400).
 */
export function handleMessage(
  conn: CollabConnection,
  doc: CollabDocument,
  data: Uint8Array,
  maxStateBytes: number,
) {
  const msg = parseClientMessage(data);
  switch (msg.type) {
    case 'step1':
      // Answered once pending commits are durable: a reader never receives an edit that could be lost.
      if (!doc.flushing && !doc.pending.length) conn.send(step2Message(doc, msg.stateVector));
      else void doc.committed().then(() => conn.send(step2Message(doc, msg.stateVector)));
      return;
    case 'step2':
    case 'update':
      if (!conn.canWrite) return refuseWrite(conn, doc, msg.update, msg.type);
      Y.applyUpdate(doc, msg.update, conn);
      return;
    case 'awareness': {
      if (!conn.mayBroadcastPresence || !conn.takeAwareness()) return;
      const own = filterAwareness(msg.update, conn, maxStateBytes);
      if (!own) return;
      if (conn.clientId === null && !claimPresenceId(conn, doc, own.clientId)) return;
      applyOwnAwareness(doc.awareness, own, conn);
      return;
    }
    case 'queryAwareness': {
      const states = doc.awareness.getStates();
      if (states.size) conn.send(awarenessMessage(encodeAwarenessUpdate(doc.awareness, [...states.keys()])));
      return;
    }
    case 'auth':
      return;
  }
}

/**
 * The first id a connection announces becomes its own, unless another person holds it here: claiming someone
 * else's id would let a client overwrite their presence, or remove it by leaving. The same person may take
 * it over (a client that reconnected before the server noticed its old socket was gone); the old connection
 * then lets go, so that its closing does not remove the state. A state's `user` is the server's, not the
 * client's (filterAwareness), so its user id can be trusted, on any node.
 */
function claimPresenceId(conn: CollabConnection, doc: CollabDocument, clientId: number): boolean {
  const holder = doc.awareness.getStates().get(clientId) as { user?: { userId?: string } } | undefined;
  if (holder && holder.user?.userId !== conn.user.userId) return false;
  for (const other of doc.connections) if (other.clientId === clientId) other.clientId = null;
  conn.clientId = clientId;
  return true;
}

/**
 * A read-only connection tried to write. Its answer to our SyncStep1 is normal traffic: when it adds
 * nothing it is ignored silently. Anything that adds content is dropped, and the client is told with
 * y-protocols' permission-denied message (our editor turns read-only on it; the stock provider logs it).
 * The connection stays open, so an honest reader whose round just closed keeps following the document.
 */
function refuseWrite(
  conn: CollabConnection,
  doc: CollabDocument,
  update: Uint8Array,
  kind: 'step2' | 'update',
) {
  if (!addsContent(doc, update) && kind === 'step2') return;
  conn.refusedWrites++;
  if (conn.refusedWrites === 1) {
    logger.warn(`Refused a write on read-only ${doc.name} from ${conn.user.userId || 'an anonymous reader'}`);
  }
  conn.send(permissionDeniedMessage(READ_ONLY_REASON));
}
