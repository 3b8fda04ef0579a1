import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { z } from 'zod';
import type { AuthTokens, ChangePasswordInput, MeView, RegisterInput } from '../../../shared/schemas/auth.js';
import { ERROR_CODES } from '../../../shared/domain.js';
import { DomainError, conflict, invalid, unauthenticated } from '../../common/errors.js';
import { User } from '../users/user.entity.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import { ACCESS_TOKEN_AUDIENCE, TOKEN_ISSUER } from './principal.resolver.js';
import { Session } from './session.entity.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
/** A used refresh token presented again within this time is a race between tabs, not a theft. */
export const REFRESH_REUSE_GRACE_MS = 10_000;

/** Emitted after a session is revoked, so live sockets of that session close at once. */
export class SessionsRevoked {
  constructor(
    readonly userId: string,
    readonly sessionIds: string[],
  ) {}
}

/**
 * A refresh token that another request rotated moments ago (two tabs refreshing at once): refused, but the
 * session lives on, and the browser already holds the cookies that other request was given.
 */
export class RefreshRaced extends DomainError {
  constructor() {
    super(
      HttpStatus.UNAUTHORIZED,
      ERROR_CODES.UNAUTHENTICATED,
      'This refresh token was replaced a moment ago; use the new one',
    );
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A refresh token is `<session id>.<secret>`; anything else names no session. */
function parseRefreshToken(token: string | undefined): { sessionId: string; secret: string } | null {
  const [sessionId, secret] = token?.split('.') ?? [];
  return sessionId && secret && z.uuid().safeParse(sessionId).success ? { sessionId, secret } : null;
}

export function toMeView(user: User): MeView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    platformRole: user.platformRole,
    organisation: user.organisation
      ? {
          id: user.organisation.id,
          name: user.organisation.name,
          stakeholderGroup: user.organisation.stakeholderGroup,
          membership: user.organisation.membership,
          country: user.organisation.country,
          region: user.organisation.region,
          verified: user.organisation.verified,
        }
      : null,
    isFocalPoint: user.isFocalPoint,
    isOrgAdmin: user.isOrgAdmin,
    stakeholderGroup: user.stakeholderGroup,
    membership: user.membership,
    country: user.country,
    region: user.region,
  };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly events: EventEmitter2,
  ) {}

  async register(input: RegisterInput, userAgent?: string): Promise<AuthTokens> {
    const passwordHash = await hashPassword(input.password);
    const user = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(User);
      if (await repo.existsBy({ email: input.email })) {
        throw conflict('An account with this email already exists; sign in instead');
      }
      return repo.save(
        repo.create({
          email: input.email,
          displayName: input.displayName,
          passwordHash,
          stakeholderGroup: input.stakeholderGroup ?? null,
          membership: input.membership ?? 'non_member',
          country: input.country ?? null,
          region: input.region ?? null,
        }),
      );
    });
    return this.startSession(await this.loadUser(user.id), userAgent);
  }

  /** Checks credentials; an unknown email and a wrong password get the same answer in the same time. */
  async checkCredentials(email: string, password: string): Promise<User> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH), password);
    if (!user || !ok || user.disabledAt) throw unauthenticated('Email or password is incorrect');
    return user;
  }

  async startSession(user: User, userAgent?: string): Promise<AuthTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    const session = await this.db.getRepository(Session).save({
      userId: user.id,
      refreshTokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
      userAgent: userAgent?.slice(0, 200) ?? null,
      revokedAt: null,
    });
    return this.tokens(user, session.id, `${session.id}.${refreshToken}`);
  }

  private async tokens(user: User, sessionId: string, refreshToken: string): Promise<AuthTokens> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, sid: sessionId },
      {
        algorithm: 'HS256',
        expiresIn: ACCESS_TOKEN_TTL_SECONDS,
        issuer: TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      },
    );
    return {
      accessToken,
      refreshToken,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user: toMeView(await this.loadUser(user.id)),
    };
  }

  /**
   * Ends the session a refresh token names, if the token is that session's current one and the session still
   * lives (whoever's it is): a browser signing in again moves on from it, so one browser holds one session.
   * Anything else (a used, forged or mangled token, an ended session) is left as it is.
   */
  async endSessionOf(refreshToken: string | undefined): Promise<void> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) return;
    await this.revokeWhere('id = :sessionId AND refresh_token_hash = :hash', {
      sessionId: parsed.sessionId,
      hash: sha256(parsed.secret),
    });
  }

  /** Rotates the refresh token: each one works once, and the session stays the same. */
  async refresh(refreshToken: string): Promise<AuthTokens> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw unauthenticated('Invalid refresh token');
    const { sessionId, secret } = parsed;
    const next = randomBytes(32).toString('base64url');
    const presented = sha256(secret);
    const outcome = await this.db.transaction(
      async (tx): Promise<{ session: Session | null; replayed: Session | null; raced?: boolean }> => {
        const repo = tx.getRepository(Session);
        const s = await repo.findOne({ where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
        if (!s || s.revokedAt || s.expiresAt < new Date()) return { session: null, replayed: null };
        if (s.refreshTokenHash !== presented) {
          // The token that was current before the last rotation, presented again within the grace period, is
          // two tabs refreshing at once; after it, a replay: someone else holds a copy, so the session ends.
          const previous = s.previousRefreshTokenHash === presented && !!s.rotatedAt;
          const replayed = previous && Date.now() - s.rotatedAt!.getTime() > REFRESH_REUSE_GRACE_MS;
          if (replayed) await repo.update({ id: s.id }, { revokedAt: new Date() });
          return { session: null, replayed: replayed ? s : null, raced: previous && !replayed };
        }
        s.previousRefreshTokenHash = s.refreshTokenHash;
        s.refreshTokenHash = sha256(next);
        s.rotatedAt = new Date();
        return { session: await repo.save(s), replayed: null };
      },
    );
    if (outcome.raced) throw new RefreshRaced();
    if (outcome.replayed) {
      this.events.emit(
        'sessions.revoked',
        new SessionsRevoked(outcome.replayed.userId, [outcome.replayed.id]),
      );
    }
    const session = outcome.session;
    if (!session) throw unauthenticated('Your session has ended; sign in again');
    const user = await this.loadUser(session.userId);
    if (user.disabledAt) throw unauthenticated('This account is disabled');
    return this.tokens(user, session.id, `${session.id}.${next}`);
  }

  async logout(sessionId: string, userId: string): Promise<void> {
    await this.revoke(userId, { sessionId });
  }

  /** Changes the password and ends every other session of the user. */
  async changePassword(userId: string, sessionId: string, input: ChangePasswordInput): Promise<void> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :userId', { userId })
      .getOneOrFail();
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw invalid('currentPassword: the current password is incorrect');
    }
    const passwordHash = await hashPassword(input.newPassword);
    await this.db.getRepository(User).update({ id: userId }, { passwordHash });
    await this.revoke(userId, { exceptSessionId: sessionId });
  }

  /** Revokes sessions and tells the live transports, which close the matching sockets. */
  async revoke(userId: string, which: { sessionId?: string; exceptSessionId?: string } = {}): Promise<void> {
    const where = ['user_id = :userId'];
    if (which.sessionId) where.push('id = :sessionId');
    if (which.exceptSessionId) where.push('id <> :exceptSessionId');
    await this.revokeWhere(where.join(' AND '), { userId, ...which });
  }

  /**
   * Ends the live sessions a condition picks, in one `UPDATE … RETURNING` (nothing read first), and tells the
   * live transports about those it ended. The condition picks one user's sessions.
   */
  private async revokeWhere(condition: string, params: Record<string, string | undefined>): Promise<void> {
    const result = await this.db
      .getRepository(Session)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where(`revoked_at IS NULL AND ${condition}`, params)
      .returning(['id', 'userId'])
      .execute();
    const ended = result.raw as { id: string; user_id: string }[];
    if (ended.length) {
      this.events.emit(
        'sessions.revoked',
        new SessionsRevoked(
          ended[0].user_id,
          ended.map((r) => r.id),
        ),
      );
    }
  }

  async loadUser(id: string): Promise<User> {
    return this.db.getRepository(User).findOneOrFail({ where: { id }, relations: { organisation: true } });
  }

  async activeSessionCount(userId: string): Promise<number> {
    return this.db.getRepository(Session).countBy({ userId, revokedAt: IsNull() });
  }
}
