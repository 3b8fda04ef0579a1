import * as decoding from 'lib0/decoding';
import { vi } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

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
  // y-protocols auth message: [2][0 = permission denied][reason]
  provider.messageHandlers[2] = (_enc, dec) => {
    if (decoding.readVarUint(dec) === 0) denied.push(decoding.readVarString(dec));
  };
  return {
    doc,
    provider,
    text: doc.getText('t'),
    closed: () => closedEvent,
    denied,
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
