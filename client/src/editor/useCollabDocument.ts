import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { useEffect, useState } from 'react';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import { messageAwareness, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { AUTH_MESSAGE, type CollabUserState } from '../../../shared/schemas/collab';
import { ticketWebSocket } from './ticket-websocket';

export type CollabStatus = 'connecting' | 'connected' | 'disconnected' | 'refused';

export interface CollabSession {
  /** Null until the effect created them (and between StrictMode's two mounts). */
  doc: Y.Doc | null;
  provider: WebsocketProvider | null;
  status: CollabStatus;
  synced: boolean;
  /** The server lets this connection write (and has not since turned it read-only). */
  canWrite: boolean;
  /** Everyone here, one entry per person, as the server wrote their names. */
  present: CollabUserState[];
}

/**
 * The stock provider sends every presence change it applies back to the server, other people's too: with a
 * crowd on a draft, each batch of presence the server relays would come back once per reader, N² messages
 * the server then discards (it keeps a client's own entry only). This sends our own entry, and only when it
 * changed. The provider's `destroy` unregisters whatever handler `_awarenessUpdateHandler` holds.
 */
function sendOwnPresenceOnly(p: WebsocketProvider) {
  const own = p.doc.clientID;
  p.awareness.off('update', p._awarenessUpdateHandler);
  p._awarenessUpdateHandler = ({ added, updated, removed }: AwarenessChange) => {
    if (![added, updated, removed].some((ids) => ids.includes(own))) return;
    if (!p.wsconnected || p.ws?.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageAwareness);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(p.awareness, [own]));
    p.ws.send(encoding.toUint8Array(encoder));
  };
  p.awareness.on('update', p._awarenessUpdateHandler);
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

const collabUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;

/**
 * One Yjs document bound to /collab/<docName> with the stock y-websocket provider. The provider lives in an
 * effect (React StrictMode mounts twice; the cleanup destroys it). Rights follow the server: the ticket
 * says whether we may write, and a permission-denied message (round closed, role removed) turns it off.
 * With `announce` false (a closed round's draft, on record) the reader is never in anyone's presence list:
 * the awareness state is cleared before connecting, so nothing is ever sent for it.
 */
export function useCollabDocument(
  docName: string,
  self: { id: string } | null,
  { announce = true }: { announce?: boolean } = {},
): CollabSession {
  const signedIn = !!self;
  const [binding, setBinding] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [status, setStatus] = useState<CollabStatus>('connecting');
  const [synced, setSynced] = useState(false);
  const [canWrite, setCanWrite] = useState(false);
  const [present, setPresent] = useState<CollabUserState[]>([]);

  useEffect(() => {
    const doc = new Y.Doc();
    const p = new WebsocketProvider(collabUrl(), docName, doc, {
      WebSocketPolyfill: ticketWebSocket(docName, signedIn, {
        onTicket: (ticket) => setCanWrite(!!ticket?.canWrite),
      }),
      disableBc: true,
      connect: false,
    });
    // The provider announces a non-null local state on connecting, and the editor's caret extension only
    // adds fields to a state that exists: null here keeps this reader silent for the whole session.
    if (!announce) p.awareness.setLocalState(null);
    sendOwnPresenceOnly(p);
    const onStatus = ({ status: s }: { status: 'connected' | 'disconnected' | 'connecting' }) => setStatus(s);
    const onClosed = () => setStatus('refused');
    const onSync = (s: boolean) => setSynced(s);
    /** How the others see us, as the server last said on connecting (it picks the colour). */
    let own: CollabUserState | null = null;
    const onAwareness = () => {
      const byUser = new Map<string, CollabUserState>();
      // Our own entry: the server rewrites it for everyone else but never echoes it back to us.
      if (own && announce) byUser.set(own.userId, own);
      for (const state of p.awareness.getStates().values()) {
        const user = state.user as CollabUserState | undefined;
        if (user?.userId) byUser.set(user.userId, user);
      }
      setPresent([...byUser.values()].sort((a, b) => a.name.localeCompare(b.name)));
    };
    // y-protocols auth message: [2][sub-type][…]. Permission denied goes to read-only peers.
    p.messageHandlers[2] = (_encoder, decoder) => {
      const kind = decoding.readVarUint(decoder);
      if (kind === AUTH_MESSAGE.PERMISSION_DENIED) setCanWrite(false);
      else if (kind === AUTH_MESSAGE.IDENTITY) {
        own = JSON.parse(decoding.readVarString(decoder)) as CollabUserState;
        onAwareness();
      }
    };
    p.on('status', onStatus);
    p.on('closed', onClosed);
    p.on('sync', onSync);
    p.awareness.on('change', onAwareness);
    p.connect();
    setBinding({ doc, provider: p });
    return () => {
      p.awareness.off('change', onAwareness);
      p.destroy();
      doc.destroy();
      setBinding(null);
    };
  }, [docName, signedIn, self?.id, announce]);

  return {
    doc: binding?.doc ?? null,
    provider: binding?.provider ?? null,
    status,
    synced,
    canWrite,
    present,
  };
}
