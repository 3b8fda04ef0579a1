import { useEffect } from 'react';
import { io, type Socket } from 'socket.io-client';
import { type Ack, CLIENT_EVENTS, SERVER_EVENTS } from '../../../shared/events';

let socket: Socket | null = null;
/** How many mounted components follow each consultation. */
const subscribers = new Map<string, number>();

/**
 * One socket.io connection for the whole page. It authenticates with the same-origin session cookie; after
 * sign-in or sign-out call `reconnectSocket()` so the server sees the new identity.
 */
export function getSocket(): Socket {
  socket ??= io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
  return socket;
}

export function reconnectSocket() {
  if (!socket) return;
  socket.disconnect();
  socket.connect();
}

/**
 * Receives a consultation's live events while mounted. `onResync` runs after every (re)connection, because
 * events are hints and the database is the truth: whatever was missed while disconnected is refetched.
 */
export function useConsultationEvents(
  consultationId: string | undefined,
  handlers: Record<string, (payload: never) => void>,
  onResync?: () => void,
) {
  useEffect(() => {
    if (!consultationId) return;
    subscribers.set(consultationId, (subscribers.get(consultationId) ?? 0) + 1);
    const s = getSocket();
    const subscribe = () => {
      s.emit(CLIENT_EVENTS.SUBSCRIBE, { consultationId }, (_ack: Ack) => onResync?.());
    };
    if (s.connected) subscribe();
    s.on('connect', subscribe);
    // Rights changed (a role granted or removed): ask again; the server answers with what is allowed now.
    s.on(SERVER_EVENTS.ACCESS_CHANGED, subscribe);
    const entries = Object.entries(handlers);
    for (const [event, handler] of entries) s.on(event, handler as (p: unknown) => void);
    return () => {
      s.off('connect', subscribe);
      s.off(SERVER_EVENTS.ACCESS_CHANGED, subscribe);
      for (const [event, handler] of entries) s.off(event, handler as (p: unknown) => void);
      // Several components follow the same consultation; the socket leaves its room with the last of them.
      const left = (subscribers.get(consultationId) ?? 1) - 1;
      if (left > 0) subscribers.set(consultationId, left);
      else {
        subscribers.delete(consultationId);
        s.emit(CLIENT_EVENTS.UNSUBSCRIBE, { consultationId });
      }
    };
    // Handlers are read once per subscription; callers pass stable callbacks (they invalidate queries).
  }, [consultationId]);
}
