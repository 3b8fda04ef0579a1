/**
 * The servers Consulta's collaboration endpoint is measured against, each started alone in a child process
 * (`node dist/bench/collab/peer-servers.js <kind>`) so that its CPU and memory can be read from /proc:
 * - `relay`: a plain `ws` broadcast relay with no Yjs at all — the transport's floor;
 * - `y-websocket`: the y-websocket reference server (`bin/utils.js`, in memory);
 * - `hocuspocus`: @hocuspocus/server 4 (in memory).
 * Each prints `PORT <n>` once it listens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

async function relay(): Promise<number> {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  const rooms = new Map<string, Set<WebSocket>>();
  wss.on('connection', (ws, req) => {
    const room = req.url ?? '/';
    const peers = rooms.get(room) ?? new Set<WebSocket>();
    rooms.set(room, peers);
    peers.add(ws);
    ws.on('message', (data, isBinary) => {
      for (const peer of peers)
        if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary });
    });
    ws.on('close', () => peers.delete(ws));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function yWebsocket(): Promise<number> {
  const { setupWSConnection } = await import('y-websocket-reference/bin/utils');
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function hocuspocus(): Promise<number> {
  const { Server } = await import('@hocuspocus/server');
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
  await server.listen();
  return (server.httpServer.address() as AddressInfo).port;
}

const kinds: Record<string, () => Promise<number>> = { relay, 'y-websocket': yWebsocket, hocuspocus };

const kind = process.argv[2];
const start = kinds[kind];
if (!start) {
  console.error(`unknown server kind "${kind}"; one of ${Object.keys(kinds).join(', ')}`);
  process.exit(2);
}
start().then(
  (port) => console.log(`PORT ${port}`),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
