import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { toApiError } from '../../common/error-body.js';
import { SessionsRevoked } from '../auth/auth.service.js';
import { PrincipalResolver } from '../auth/principal.resolver.js';
import { ACCESS_CHANGED, AccessChanged } from '../policy/access-events.js';
import { ROUND_EVENTS, RoundClosed } from '../rounds/round-events.js';
import { CollabAuth } from './collab-auth.service.js';
import type { CollabConnection } from './collab-connection.js';
import { CollabServer } from './collab-server.service.js';
import { CLOSE } from './close-codes.js';
import { CollabRedisBridge, type ControlMessage } from './redis-bridge.service.js';

/**
 * Live rights: open connections follow the policy as it changes, on every node. A closed round turns its
 * draft's writers into readers at once; a role or account change re-asks the policy for that user's
 * connections; a revoked session closes its connections (4401). `access.changed` reaches every node
 * through its own relay (policy/access-events.relay.ts); the others travel on the collab control channel.
 */
@Injectable()
export class CollabRightsListener {
  private readonly logger = new Logger(CollabRightsListener.name);

  constructor(
    private readonly server: CollabServer,
    private readonly auth: CollabAuth,
    private readonly principals: PrincipalResolver,
    private readonly bridge: CollabRedisBridge,
  ) {
    bridge.onControl = (msg) => void this.apply(msg);
  }

  @OnEvent(ROUND_EVENTS.CLOSED)
  onRoundClosed(event: RoundClosed) {
    const msg: ControlMessage = { type: 'roundClosed', roundId: event.round.id };
    this.bridge.publishControl(msg);
    return this.apply(msg);
  }

  @OnEvent(ACCESS_CHANGED, { promisify: true })
  onAccessChanged(event: AccessChanged) {
    return this.apply({ type: 'recheckUser', userId: event.userId, consultationId: event.consultationId });
  }

  @OnEvent('sessions.revoked')
  onSessionsRevoked(event: SessionsRevoked) {
    const msg: ControlMessage = {
      type: 'sessionsRevoked',
      userId: event.userId,
      sessionIds: event.sessionIds,
    };
    this.bridge.publishControl(msg);
    return this.apply(msg);
  }

  async apply(msg: ControlMessage): Promise<void> {
    if (msg.type === 'roundClosed') {
      for (const conn of this.server.connectionsWhere(
        (c) => c.ref.roundId === msg.roundId && c.ref.kind === 'draft',
      )) {
        if (conn.rights) this.server.apply(conn, { ...conn.rights, write: false });
      }
    } else if (msg.type === 'sessionsRevoked') {
      const ended = new Set(msg.sessionIds);
      for (const conn of this.server.connectionsWhere(
        (c) => c.sessionId !== null && ended.has(c.sessionId),
      )) {
        this.server.apply(conn, CLOSE.UNAUTHENTICATED);
      }
    } else {
      const conns = this.server.connectionsWhere(
        (c) =>
          c.sessionId !== null &&
          c.user.userId === msg.userId &&
          !!c.rights &&
          (msg.consultationId === null || c.rights.consultationId === msg.consultationId),
      );
      await Promise.all(conns.map((c) => this.recheck(c)));
    }
  }

  private async recheck(conn: CollabConnection) {
    try {
      const principal = await this.principals.fromSession(conn.sessionId!, conn.user.userId);
      this.server.apply(conn, await this.auth.rights(principal, conn.ref));
    } catch (err) {
      const { statusCode } = toApiError(err);
      if (statusCode === 401) this.server.apply(conn, CLOSE.UNAUTHENTICATED);
      else if (statusCode === 403 || statusCode === 404) this.server.apply(conn, CLOSE.FORBIDDEN);
      else this.logger.warn(`Re-checking rights failed: ${(err as Error).message}`);
    }
  }
}
