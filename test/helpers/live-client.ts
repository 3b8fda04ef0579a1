import { io, type Socket } from 'socket.io-client';
import { CLIENT_EVENTS } from '../../shared/events.js';
import type { TestApp } from './test-app.js';

/** A socket.io client subscribed to a consultation's room; every event it receives lands in `events`. */
export function subscribeToConsultation(
  t: TestApp,
  consultationId: string,
  events: { name: string; payload: unknown }[],
): Promise<Socket> {
  const socket = io(t.url, { path: '/socket.io', transports: ['websocket'], forceNew: true });
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  return new Promise((resolve, reject) => {
    socket.on('connect_error', reject);
    socket.on('connect', () =>
      socket.emit(CLIENT_EVENTS.SUBSCRIBE, { consultationId }, (ack: { ok: boolean }) =>
        ack.ok ? resolve(socket) : reject(new Error('subscribe refused')),
      ),
    );
  });
}
