import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { type Awareness, outdatedTimeout } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

let clientCount = 0;
/**
 * What a real editor announces in its presence (y-prosemirror's cursor plugin reads `user`): the same on
 * every server, so that each holds and relays presence of the same size (Consulta replaces it with the
 * signed-in identity's name and colour).
 */
const presenceOf = () => ({ name: `Reader ${++clientCount}`, color: '#30bced' });

/** One collaborating client as the benchmark drives it: its document, and a way to leave. */
export interface BenchClient {
  doc: Y.Doc;
  /** The client's presence, where its protocol has one (the plain relay's clients have none). */
  awareness: Awareness | null;
  synced: Promise<void>;
  destroy(): void;
}

export type Protocol = 'y-websocket' | 'hocuspocus' | 'relay';

/** The stock y-websocket provider, with an optional Authorization header (Node's ws can send headers). */
function yWebsocketClient(baseUrl: string, docName: string, headers: Record<string, string>): BenchClient {
  const doc = new Y.Doc();
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const provider = new WebsocketProvider(baseUrl, docName, doc, {
    WebSocketPolyfill: HeaderWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField('user', presenceOf());
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (s: boolean) => s && resolve());
  });
  return { doc, awareness: provider.awareness, synced, destroy: () => provider.destroy() };
}

/** Hocuspocus multiplexes documents on a socket, so it needs its own provider. */
function hocuspocusClient(baseUrl: string, docName: string): BenchClient {
  const doc = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({ url: baseUrl, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider, name: docName, document: doc });
  provider.setAwarenessField('user', presenceOf());
  // A socket given by the caller is not managed by the provider, which must be attached to it explicitly.
  provider.attach();
  const synced = new Promise<void>((resolve) => provider.on('synced', () => resolve()));
  return {
    doc,
    awareness: provider.awareness,
    synced,
    destroy: () => {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}

/**
 * A client of the plain relay: no handshake (the relay knows no Yjs); it sends its document's updates in
 * y-websocket framing and applies what it receives, so its work matches a real client's.
 */
function relayClient(baseUrl: string, docName: string): BenchClient {
  const doc = new Y.Doc();
  const ws = new WebSocket(`${baseUrl}/${docName}`);
  ws.binaryType = 'arraybuffer';
  ws.on('message', (data: ArrayBuffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== 0) return;
    const encoder = encoding.createEncoder();
    syncProtocol.readSyncMessage(decoder, encoder, doc, 'remote');
  });
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'remote' || ws.readyState !== ws.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    ws.send(encoding.toUint8Array(encoder));
  });
  const synced = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { doc, awareness: null, synced, destroy: () => ws.close() };
}

/**
 * When presence renewals come during a run (BENCH_RENEWALS). Every stock client renews its unchanged presence
 * once it is half of `outdatedTimeout` (15 s) old, so a crowd that arrived together renews together, 15 s
 * later, and whether a run caught that burst depended on how fast the server under test let the crowd in.
 * - `none` (the default): none comes during a run, on any server; the run measures the edits' fan-out.
 * - `spread`: renewals come evenly through the run, about one reader in fifteen each second, as long-staying
 *   readers renew. The stock y-websocket provider sends back every renewal it is relayed and Hocuspocus's
 *   provider does not, so with hundreds of readers on the load generator's two threads this weighs on the
 *   stock provider's servers (Consulta, y-websocket) through their clients, not their servers (README).
 */
export type RenewalTiming = 'none' | 'spread';
export const RENEWALS: RenewalTiming = process.env.BENCH_RENEWALS === 'spread' ? 'spread' : 'none';

/**
 * Dates a client's last renewal for the coming run (client `i` of `n`): now (`none`: the next is 15 s away,
 * after any run), or an evenly spread moment of the past 15 s (`spread`). Only the date is moved: the renewal
 * itself is the stock one.
 */
export function dateLastRenewal(client: BenchClient, i: number, n: number, timing: RenewalTiming = RENEWALS) {
  const meta = client.awareness?.meta.get(client.awareness.clientID);
  if (!meta) return;
  const period = outdatedTimeout / 2;
  meta.lastUpdated = timing === 'none' ? Date.now() : Date.now() - period + ((i + 0.5) / n) * period;
}

/**
 * The stock provider logs the server's read-only notice once per reader connection; hundreds of them say
 * nothing. Other warnings still show.
 */
export function quietReadOnlyNotices() {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /Permission denied|^read-only$/.test(args[0])) return;
    warn(...args);
  };
}

export function connect(
  protocol: Protocol,
  baseUrl: string,
  docName: string,
  headers: Record<string, string> = {},
): BenchClient {
  if (protocol === 'hocuspocus') return hocuspocusClient(baseUrl, docName);
  if (protocol === 'relay') return relayClient(baseUrl, docName);
  return yWebsocketClient(baseUrl, docName, headers);
}
