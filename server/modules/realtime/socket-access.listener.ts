import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Socket } from 'socket.io';
import { SERVER_EVENTS, consultationRoom, userRoom } from '../../../shared/events.js';
import { PrincipalResolver } from '../auth/principal.resolver.js';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import { ACCESS_CHANGED, AccessChanged } from '../policy/access-events.js';
import { RealtimeGateway, type SocketData } from './realtime.gateway.js';

const ROOM_PREFIX = consultationRoom('');

/**
 * When someone's rights change, their open sockets on this node get a fresh principal and leave the
 * consultations they may no longer read, at once rather than at their next reconnect. Every node runs this
 * for its own sockets: the AccessEventsRelay repeats the event on each node.
 */
@Injectable()
export class SocketAccessListener {
  private readonly logger = new Logger(SocketAccessListener.name);

  constructor(
    private readonly gateway: RealtimeGateway,
    private readonly principals: PrincipalResolver,
    private readonly access: ConsultationAccess,
  ) {}

  @OnEvent(ACCESS_CHANGED, { promisify: true })
  async onAccessChanged(event: AccessChanged): Promise<void> {
    const server = this.gateway.server;
    if (!server) return;
    const sockets = await server.local.in(userRoom(event.userId)).fetchSockets();
    await Promise.all(
      sockets.map((remote) => {
        const socket = server.sockets.sockets.get(remote.id);
        return socket ? this.recheck(socket, event) : undefined;
      }),
    );
  }

  private async recheck(socket: Socket, event: AccessChanged): Promise<void> {
    const data = socket.data as SocketData;
    const current = data.principal;
    if (!current) return;
    try {
      data.principal = await this.principals.fromSession(current.sessionId, current.userId);
    } catch {
      // The session ended meanwhile (disabled account): the socket goes, as on sign-out.
      socket.emit(SERVER_EVENTS.SESSION_ENDED, {});
      socket.disconnect(true);
      return;
    }
    const unsubscribed: string[] = [];
    for (const room of socket.rooms) {
      if (!room.startsWith(ROOM_PREFIX)) continue;
      const consultationId = room.slice(ROOM_PREFIX.length);
      if (event.consultationId && event.consultationId !== consultationId) continue;
      try {
        await this.access.assertCanRead(data.principal, consultationId);
      } catch {
        await socket.leave(room);
        unsubscribed.push(consultationId);
      }
    }
    socket.emit(SERVER_EVENTS.ACCESS_CHANGED, { consultationId: event.consultationId, unsubscribed });
    if (unsubscribed.length) {
      this.logger.debug(`User ${current.userId} left ${unsubscribed.length} room(s) after an access change`);
    }
  }
}
