import { createHmac, createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config.service.js';
import { unauthenticated } from '../../common/errors.js';
import type { Principal } from '../policy/principal.js';
import { CollabConfig } from './collab-config.js';

interface TicketClaims {
  sub: string;
  sid: string;
  doc: string;
  typ: 'collab';
}

/**
 * Short-lived tickets for /collab: a browser cannot set headers on a WebSocket, and an access token in a
 * URL would end up in proxy logs for its whole life. A ticket names one user, session and document, lives a
 * minute (long enough for y-websocket's reconnects), and is signed with a key derived for this purpose only,
 * so it can never be replayed as an API access token.
 */
@Injectable()
export class CollabTickets {
  /** Signs and verifies with the ticket key only (a key object: see AppConfig.jwtKey). */
  private readonly jwt: JwtService;

  constructor(
    private readonly config: CollabConfig,
    appConfig: AppConfig,
  ) {
    const secret = createHmac('sha256', appConfig.jwtSecret).update('consulta.collab-ticket').digest();
    this.jwt = new JwtService({ secret: createSecretKey(secret) });
  }

  get ttlSeconds() {
    return this.config.ticketTtlSeconds;
  }

  issue(principal: Principal, docName: string): Promise<string> {
    const claims: TicketClaims = {
      sub: principal.userId,
      sid: principal.sessionId,
      doc: docName,
      typ: 'collab',
    };
    return this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: this.config.ticketTtlSeconds,
    });
  }

  /** The user and session a ticket names; throws 401 unless it is valid, unexpired and for this document. */
  async verify(ticket: string, docName: string): Promise<{ userId: string; sessionId: string }> {
    try {
      const c = await this.jwt.verifyAsync<TicketClaims>(ticket, { algorithms: ['HS256'] });
      if (c.typ !== 'collab' || c.doc !== docName || typeof c.sub !== 'string' || typeof c.sid !== 'string') {
        throw new Error('claims');
      }
      return { userId: c.sub, sessionId: c.sid };
    } catch {
      throw unauthenticated('The collaboration ticket is invalid, expired or for another document');
    }
  }
}
