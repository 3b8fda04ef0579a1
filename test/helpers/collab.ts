import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import { vi } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { usualColourIndex } from '../../server/modules/collaboration/presence-colours.js';
import { AUTH_MESSAGE, type CollabUserState } from '../../shared/schemas/collab.js';

// Each stock provider adds a process 'exit' listener; a test opens more than ten.
process.setMaxListeners(100);

export interface Editor {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  /** The close event that ended the connection for good (4400–4499), if any. */
  closed: () => { code: number; reason: string } | null;
  /** Permission-denied reasons the server sent (e.g. "read-only"). */
  denied: string[];
  /** Who the server says this connection is, as the others see it (the last it said). */
  identity: () => CollabUserState | null;
  destroy(): void;
}

/** WebSocket with headers (Authorization, Origin, Cookie), as a browser cannot but a Node client can. */
export function wsWithHeaders(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}

/**
 * The stock y-websocket client in Node, as the issue asks: `ws` as the WebSocket, no BroadcastChannel (two
 * providers in one process would otherwise sync without the server).
 */
export function connectEditor(
  baseUrl: string,
  docName: string,
  opts: { token?: string; ticket?: string; headers?: Record<string, string>; connect?: boolean } = {},
): Editor {
  const doc = new Y.Doc();
  const headers = {
    ...(opts.headers ?? {}),
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
  };
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/collab', docName, doc, {
    WebSocketPolyfill: wsWithHeaders(headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: opts.ticket ? { ticket: opts.ticket } : {},
    connect: opts.connect ?? true,
    maxBackoffTime: 300,
  });
  let closedEvent: { code: number; reason: string } | null = null;
  provider.on('closed', (e) => (closedEvent = e));
  const denied: string[] = [];
  let identity: CollabUserState | null = null;
  // y-protocols auth message: [2][sub-type][…]
  provider.messageHandlers[2] = (_enc, dec) => {
    const kind = decoding.readVarUint(dec);
    if (kind === AUTH_MESSAGE.PERMISSION_DENIED) denied.push(decoding.readVarString(dec));
    else if (kind === AUTH_MESSAGE.IDENTITY)
      identity = JSON.parse(decoding.readVarString(dec)) as CollabUserState;
  };
  return {
    doc,
    provider,
    text: doc.getText('t'),
    closed: () => closedEvent,
    denied,
    identity: () => identity,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export const synced = (e: Editor) =>
  vi.waitFor(() => {
    if (!e.provider.synced) throw new Error('not synced yet');
  });

export const closedWith = async (e: Editor) => {
  await vi.waitFor(() => {
    if (!e.closed()) throw new Error('still open');
  });
  return e.closed()!.code;
};

/**
 * User ids (for createUser) that share a usual presence colour, as the people on a draft all did with the
 * first palette of 8 (16 is a multiple: ids that share one here shared one there too).
 */
export function idsSharingAColour(n: number): string[] {
  const ids: string[] = [];
  while (ids.length < n) {
    const id = randomUUID();
    if (usualColourIndex(id) === 0) ids.push(id);
  }
  return ids;
}
