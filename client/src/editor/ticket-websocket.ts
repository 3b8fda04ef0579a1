import type { CollabTicketView } from '../../../shared/schemas/collab';
import { api, HttpError } from '../api/http';

export interface TicketListener {
  /** A ticket arrived (null: connecting as an anonymous reader). */
  onTicket(ticket: CollabTicketView | null): void;
}

/**
 * A WebSocket class for y-websocket that asks for a fresh one-minute ticket before each (re)connection, so
 * no long-lived token ever sits in a URL and an expired access cookie is refreshed by `api()` first.
 * y-websocket constructs its socket synchronously; this wrapper looks like a WebSocket at once and opens
 * the real one when the ticket is there. A refusal (403/404) is reported as a permanent close (4403/4404).
 */
export function ticketWebSocket(
  docName: string,
  signedIn: boolean,
  listener: TicketListener,
): typeof WebSocket {
  class TicketWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;
    binaryType: BinaryType = 'arraybuffer';
    readyState = 0;
    onopen: ((e: Event) => void) | null = null;
    onmessage: ((e: MessageEvent) => void) | null = null;
    onclose: ((e: CloseEvent | { code: number; reason: string }) => void) | null = null;
    onerror: ((e: Event) => void) | null = null;
    private ws: WebSocket | null = null;
    private cancelled = false;

    constructor(url: string) {
      void this.open(url);
    }

    private async open(url: string) {
      let target = url;
      if (signedIn) {
        try {
          const ticket = await api<CollabTicketView>('/collab/tickets', {
            method: 'POST',
            json: { docName },
          });
          listener.onTicket(ticket);
          target = `${url}${url.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket.ticket)}`;
        } catch (err) {
          if (this.cancelled) return;
          if (err instanceof HttpError && err.status === 401) {
            listener.onTicket(null);
          } else {
            const code =
              err instanceof HttpError && err.status === 404 ? 4404 : err instanceof HttpError ? 4403 : 1006;
            this.readyState = 3;
            this.onclose?.({ code, reason: (err as Error).message });
            return;
          }
        }
      } else listener.onTicket(null);
      if (this.cancelled) return;
      const ws = new WebSocket(target);
      ws.binaryType = this.binaryType;
      ws.onopen = (e) => {
        this.readyState = 1;
        this.onopen?.(e);
      };
      ws.onmessage = (e) => this.onmessage?.(e);
      ws.onerror = (e) => this.onerror?.(e);
      ws.onclose = (e) => {
        this.readyState = 3;
        this.onclose?.(e);
      };
      this.ws = ws;
    }

    send(data: ArrayBufferLike | Uint8Array) {
      // The provider may still send (awareness) while the socket closes, between its close frame and its close
      // event; the browser would log each such send as an error, and the data could not arrive anyway.
      if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(data as ArrayBuffer);
    }

    close() {
      this.cancelled = true;
      this.readyState = this.ws ? 2 : 3;
      this.ws?.close();
    }
  }
  return TicketWebSocket as unknown as typeof WebSocket;
}
