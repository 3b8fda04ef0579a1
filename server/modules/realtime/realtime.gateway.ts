import { Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import {
  type Ack,
  CLIENT_EVENTS,
  SERVER_EVENTS,
  consultationRoom,
  sessionRoom,
  userRoom,
} from '../../../shared/events.js';
import { AppConfig } from '../../config/app-config.service.js';
import { toApiError } from '../../common/error-body.js';
import { parseOrThrow } from '../../common/zod-validation.js';
import { SessionsRevoked } from '../auth/auth.service.js';
import { CROSS_SITE_MESSAGE, cookieHandshakeAllowed, ridesSessionCookie } from '../auth/cross-site.js';
import { allowedOrigins } from '../auth/jwt.strategy.js';
import { PrincipalResolver } from '../auth/principal.resolver.js';
import type { Principal } from '../policy/principal.js';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import { LIVE_EVENT, LiveEvent } from './live-event.js';

const subscribeSchema = z.strictObject({ consultationId: z.uuid({ message: 'must be a consultation id' }) });

export interface SocketData {
  principal: Principal | null;
}

/** Runs a handler and turns anything thrown into the same error body as HTTP. */
export async function acknowledge<T>(work: () => Promise<T>): Promise<Ack<T>> {
  try {
    const data = await work();
    return data === undefined ? { ok: true } : { ok: true, data };
  } catch (err) {
    const { statusCode, code, message } = toApiError(err);
    return { ok: false, error: { statusCode, code, message } };
  }
}

/**
 * socket.io: live events for everyone viewing a consultation. Sockets authenticate at the handshake (bearer
 * token in `auth.token`, or the same-origin session cookie) or stay anonymous readers; every subscription
 * is checked by the policy.
 */
@WebSocketGateway({ destroyUpgrade: false })
export class RealtimeGateway implements OnGatewayInit {
  private readonly logger = new Logger(RealtimeGateway.name);
  @WebSocketServer() server: Server;

  constructor(
    private readonly principals: PrincipalResolver,
    private readonly access: ConsultationAccess,
    private readonly config: AppConfig,
  ) {}

  afterInit(server: Server) {
    const origins = allowedOrigins(this.config);
    server.use((socket, next) => {
      const data = socket.data as SocketData;
      data.principal = null;
      // Cross-site WebSocket hijacking: a page of another site must not ride the browser's session cookie.
      if (typeof socket.handshake.auth?.token !== 'string' && ridesSessionCookie(socket.request)) {
        if (!cookieHandshakeAllowed(socket.request, origins)) return next(new Error(CROSS_SITE_MESSAGE));
      }
      const token =
        typeof socket.handshake.auth?.token === 'string'
          ? socket.handshake.auth.token
          : (() => {
              try {
                return this.principals.credentialOf(socket.request, origins);
              } catch {
                return undefined;
              }
            })();
      if (!token) return next();
      this.principals
        .fromToken(token)
        .then((principal) => {
          data.principal = principal;
          void socket.join([userRoom(principal.userId), sessionRoom(principal.sessionId)]);
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
  }

  @SubscribeMessage(CLIENT_EVENTS.SUBSCRIBE)
  subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return acknowledge(async () => {
      const { consultationId } = parseOrThrow(subscribeSchema, body);
      await this.access.assertCanRead((socket.data as SocketData).principal, consultationId);
      await socket.join(consultationRoom(consultationId));
    });
  }

  @SubscribeMessage(CLIENT_EVENTS.UNSUBSCRIBE)
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return acknowledge(async () => {
      const { consultationId } = parseOrThrow(subscribeSchema, body);
      await socket.leave(consultationRoom(consultationId));
    });
  }

  /** Domain modules announce committed changes as LiveEvents; this is the only place they reach sockets. */
  @OnEvent(LIVE_EVENT)
  onLiveEvent(event: LiveEvent) {
    this.server.to(event.room).emit(event.name, event.payload);
  }

  /** A revoked session loses its live sockets at once, on every node (through the Redis adapter). */
  @OnEvent('sessions.revoked')
  onSessionsRevoked(event: SessionsRevoked) {
    for (const sid of event.sessionIds) {
      const room = sessionRoom(sid);
      this.server.to(room).emit(SERVER_EVENTS.SESSION_ENDED, {});
      this.server.in(room).disconnectSockets(true);
    }
    this.logger.debug(`Closed sockets of ${event.sessionIds.length} revoked session(s)`);
  }
}
