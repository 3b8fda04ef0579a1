import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ConsultationRole } from '../../../shared/domain.js';
import { DomainError } from '../../common/errors.js';
import { ConsultationRoleGrant } from '../consultations/consultation-role.entity.js';
import { decide, type Action, type PolicyContext } from './policy.js';
import type { Principal } from './principal.js';

/** Loads what the policy needs from the database and turns a refusal into the error every transport sends. */
@Injectable()
export class PolicyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async roleIn(
    consultationId: string,
    principal: Principal | null,
    manager?: EntityManager,
  ): Promise<ConsultationRole | null> {
    if (!principal) return null;
    const grant = await (manager ?? this.db.manager)
      .getRepository(ConsultationRoleGrant)
      .findOneBy({ consultationId, userId: principal.userId });
    return grant?.role ?? null;
  }

  can(principal: Principal | null, action: Action, ctx: PolicyContext): boolean {
    return decide(principal, action, ctx).allowed;
  }

  /** Throws the 401/403/409 the policy answers; returns nothing when allowed. */
  assert(principal: Principal | null, action: Action, ctx: PolicyContext): void {
    const d = decide(principal, action, ctx);
    if (!d.allowed) throw new DomainError(d.status, d.code, d.message);
  }
}
