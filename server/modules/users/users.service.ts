import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MeView, ProfileInput } from '../../../shared/schemas/auth.js';
import type { UpdateUserInput, UserAdminView } from '../../../shared/schemas/identity.js';
import { notFound } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthService, toMeView } from '../auth/auth.service.js';
import { ACCESS_CHANGED, AccessChanged } from '../policy/access-events.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { User } from './user.entity.js';

const toAdminView = (u: User): UserAdminView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  platformRole: u.platformRole,
  disabled: !!u.disabledAt,
  organisationId: u.organisationId,
});

/** Profiles (each person's own) and accounts (the platform admin's). */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly events: EventEmitter2,
  ) {}

  async updateProfile(principal: Principal, input: ProfileInput): Promise<MeView> {
    await this.db.transaction(async (tx) => {
      const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length === 0) return;
      await tx.getRepository(User).update({ id: principal.userId }, changes);
      await this.audit.append(tx, {
        actorId: principal.userId,
        action: 'profile.updated',
        payload: { fields: Object.keys(changes).sort() },
      });
    });
    return toMeView(await this.auth.loadUser(principal.userId));
  }

  /** Accounts matching a name or email, for the admin page and for the secretariat assigning roles. */
  async list(principal: Principal, q?: string): Promise<UserAdminView[]> {
    this.policy.assert(principal, 'accounts.list', {});
    const qb = this.db.getRepository(User).createQueryBuilder('u').orderBy('u.displayName', 'ASC').take(100);
    if (q) {
      const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.where('(lower(u.displayName) LIKE :like OR u.email LIKE :like)', { like });
    }
    return (await qb.getMany()).map(toAdminView);
  }

  /**
   * The admin's changes: platform role and disabling. Both take effect at once: a disabled account loses
   * every session (and its sockets); a role change re-checks the user's live connections.
   */
  async update(principal: Principal, userId: string, input: UpdateUserInput): Promise<UserAdminView> {
    this.policy.assert(principal, 'accounts.manage', { subjectId: userId });
    const user = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(User);
      const user = await repo.findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('The account');
      if (input.platformRole !== undefined && input.platformRole !== user.platformRole) {
        await this.audit.append(tx, {
          actorId: principal.userId,
          action: 'account.role_changed',
          payload: { userId, from: user.platformRole, to: input.platformRole },
        });
        user.platformRole = input.platformRole;
      }
      if (input.disabled !== undefined && input.disabled !== !!user.disabledAt) {
        await this.audit.append(tx, {
          actorId: principal.userId,
          action: input.disabled ? 'account.disabled' : 'account.enabled',
          payload: { userId },
        });
        user.disabledAt = input.disabled ? new Date() : null;
      }
      await repo.update({ id: userId }, { platformRole: user.platformRole, disabledAt: user.disabledAt });
      return user;
    });
    if (user.disabledAt) await this.auth.revoke(userId);
    this.events.emit(ACCESS_CHANGED, new AccessChanged(userId, null));
    return toAdminView(user);
  }
}
