import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ConsultationRole } from '../../../shared/domain.js';
import type { ConsultationRoleView } from '../../../shared/schemas/identity.js';
import { notFound } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import { ConsultationRoleGrant } from '../consultations/consultation-role.entity.js';
import { ACCESS_CHANGED, AccessChanged } from '../policy/access-events.js';
import type { Principal } from '../policy/principal.js';
import { User } from '../users/user.entity.js';

/**
 * Chairs, participants and observers of a consultation, managed by the secretariat. Each change is audited
 * in the consultation's chain and announced as `AccessChanged`, so open connections are re-checked at once.
 */
@Injectable()
export class ConsultationRolesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConsultationAccess,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  async list(principal: Principal, consultationId: string): Promise<ConsultationRoleView[]> {
    await this.access.assert(principal, consultationId, 'roles.manage');
    const rows = await this.db
      .getRepository(ConsultationRoleGrant)
      .createQueryBuilder('g')
      .innerJoinAndMapOne('g.user', User, 'u', 'u.id = g.userId')
      .where('g.consultationId = :consultationId', { consultationId })
      .orderBy('u.displayName', 'ASC')
      .getMany();
    return rows.map((g) => this.view(g, (g as ConsultationRoleGrant & { user: User }).user));
  }

  async get(principal: Principal, consultationId: string, userId: string): Promise<ConsultationRoleView> {
    await this.access.assert(principal, consultationId, 'roles.manage', { subjectId: userId });
    const user = await this.user(userId);
    const grant = await this.db.getRepository(ConsultationRoleGrant).findOneBy({ consultationId, userId });
    if (!grant) throw notFound(`A role for ${user.displayName} in this consultation`);
    return this.view(grant, user);
  }

  async set(
    principal: Principal,
    consultationId: string,
    userId: string,
    role: ConsultationRole,
  ): Promise<ConsultationRoleView> {
    await this.access.assert(principal, consultationId, 'roles.manage', { subjectId: userId });
    const user = await this.user(userId);
    const grant = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(ConsultationRoleGrant);
      const before = await repo.findOne({
        where: { consultationId, userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (before?.role === role) return before;
      const saved = await repo.save(repo.create({ consultationId, userId, role }));
      await this.audit.append(tx, {
        consultationId,
        actorId: principal.userId,
        action: 'role.granted',
        payload: { userId, role, previous: before?.role ?? null },
      });
      return saved;
    });
    this.events.emit(ACCESS_CHANGED, new AccessChanged(userId, consultationId));
    return this.view(grant, user);
  }

  async remove(principal: Principal, consultationId: string, userId: string): Promise<void> {
    await this.access.assert(principal, consultationId, 'roles.manage', { subjectId: userId });
    const user = await this.user(userId);
    await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(ConsultationRoleGrant);
      const before = await repo.findOneBy({ consultationId, userId });
      if (!before) throw notFound(`A role for ${user.displayName} in this consultation`);
      await repo.delete({ consultationId, userId });
      await this.audit.append(tx, {
        consultationId,
        actorId: principal.userId,
        action: 'role.revoked',
        payload: { userId, previous: before.role },
      });
    });
    this.events.emit(ACCESS_CHANGED, new AccessChanged(userId, consultationId));
  }

  private async user(userId: string): Promise<User> {
    const user = await this.db.getRepository(User).findOneBy({ id: userId });
    if (!user) throw notFound('The account');
    return user;
  }

  private view(g: ConsultationRoleGrant, u: User): ConsultationRoleView {
    return {
      consultationId: g.consultationId,
      userId: u.id,
      displayName: u.displayName,
      email: u.email,
      role: g.role,
    };
  }
}
