import { io, type Socket } from 'socket.io-client';
import { type Ack, CLIENT_EVENTS } from '../../shared/events.js';

/** A socket.io client subscribed to a consultation, recording every event it receives. */
export interface LiveClient {
  socket: Socket;
  received: { name: string; payload: unknown }[];
  close(): void;
}

export async function liveClient(url: string, consultationId: string, token?: string): Promise<LiveClient> {
  const socket = io(url, { transports: ['websocket'], auth: token ? { token } : {}, forceNew: true });
  const received: LiveClient['received'] = [];
  socket.onAny((name: string, payload: unknown) => received.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack: Ack = await socket.emitWithAck(CLIENT_EVENTS.SUBSCRIBE, { consultationId });
  if (!ack.ok) throw new Error(`subscribe refused: ${ack.error.message}`);
  return { socket, received, close: () => socket.close() };
}
