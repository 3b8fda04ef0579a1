import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { unauthenticated } from '../../common/errors.js';
import type { Principal } from '../policy/principal.js';
import { Session } from './session.entity.js';
import { User } from '../users/user.entity.js';

export const ACCESS_COOKIE = 'consulta_at';
export const REFRESH_COOKIE = 'consulta_rt';

/**
 * Access tokens name who issued them and what they are for, and both are checked: a token minted with the
 * same secret for another purpose (a short-lived collaboration ticket, say) is never an API credential.
 */
export const TOKEN_ISSUER = 'consulta';
export const ACCESS_TOKEN_AUDIENCE = 'consulta:access';

export interface AccessTokenPayload {
  sub: string;
  sid: string;
}

/** Reads one cookie from a raw request (socket upgrades have no cookie-parser). */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/**
 * Turns a credential into a Principal for every transport. A token is only as good as its session: a signed
 * token whose session was revoked (sign-out, password change) or whose user was disabled is refused.
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Verifies an access token (HS256 only, our issuer and audience: `alg: none` and the rest are refused). */
  async verify(token: string): Promise<AccessTokenPayload> {
    try {
      const payload = await this.jwt.verifyAsync<AccessTokenPayload>(token, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error('claims');
      return payload;
    } catch {
      throw unauthenticated('Your session token is invalid or has expired; sign in again');
    }
  }

  async fromToken(token: string): Promise<Principal> {
    const { sub, sid } = await this.verify(token);
    return this.fromSession(sid, sub);
  }

  async fromSession(sessionId: string, userId: string): Promise<Principal> {
    const row = await this.db
      .getRepository(Session)
      .createQueryBuilder('s')
      .innerJoinAndMapOne('s.user', User, 'u', 'u.id = s.userId')
      .leftJoinAndSelect('u.organisation', 'o')
      .where('s.id = :sessionId AND s.userId = :userId', { sessionId, userId })
      .getOne();
    const user = (row as (Session & { user?: User }) | null)?.user;
    if (!row || !user || row.revokedAt || row.expiresAt < new Date() || user.disabledAt) {
      throw unauthenticated('Your session has ended; sign in again');
    }
    return {
      userId: user.id,
      sessionId: row.id,
      displayName: user.displayName,
      platformRole: user.platformRole,
      organisationId: user.organisationId,
      // Only a verified organisation is spoken for: anyone may propose one, the secretariat vouches for it.
      isFocalPoint: user.isFocalPoint && !!user.organisation?.verified,
      isOrgAdmin: user.isOrgAdmin,
      membership: (user.organisation?.verified ? user.organisation.membership : null) ?? user.membership,
    };
  }

  /**
   * The credential of a raw request: `Authorization: Bearer`, else the session cookie. A cookie only counts
   * when the request comes from our own origin, so another site cannot ride a signed-in browser
   * (cross-site WebSocket hijacking, CSRF).
   */
  credentialOf(req: IncomingMessage, allowedOrigins: string[]): string | undefined {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
    const cookie = readCookie(req, ACCESS_COOKIE);
    if (!cookie) return undefined;
    const origin = req.headers.origin;
    if (origin && !isSameOrigin(origin, req, allowedOrigins)) {
      throw unauthenticated('Cross-origin requests may not use the session cookie');
    }
    return cookie;
  }
}

export function isSameOrigin(origin: string, req: IncomingMessage, allowedOrigins: string[]): boolean {
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
