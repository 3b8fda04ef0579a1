import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../common/errors.js';
import type { Action, PolicyContext } from '../policy/policy.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { Consultation } from './consultation.entity.js';

/** Loads a consultation with the principal's role in it, and asks the policy. */
@Injectable()
export class ConsultationAccess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {}

  async context(
    principal: Principal | null,
    consultationId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<{ consultation: Consultation; ctx: PolicyContext }> {
    const consultation = await manager.getRepository(Consultation).findOneBy({ id: consultationId });
    if (!consultation) throw notFound('The consultation');
    const role = await this.policy.roleIn(consultationId, principal, manager);
    // The entity carries every flag the policy reads: visibility, participation, chairsMayTakePositions.
    return { consultation, ctx: { consultation, role } };
  }

  /**
   * A restricted consultation answers 401 to anonymous readers and 403 ("restricted to enrolled
   * participants") to others, as the policy says: ids are random UUIDs, and a clear refusal tells an invited
   * person that their enrolment is missing rather than that the link is wrong.
   */
  async assertCanRead(principal: Principal | null, consultationId: string): Promise<Consultation> {
    const { consultation, ctx } = await this.context(principal, consultationId);
    this.policy.assert(principal, 'consultation.read', ctx);
    return consultation;
  }

  async assert(
    principal: Principal | null,
    consultationId: string,
    action: Action,
    extra: Partial<PolicyContext> = {},
  ) {
    const { consultation, ctx } = await this.context(principal, consultationId);
    this.policy.assert(principal, action, { ...ctx, ...extra });
    return consultation;
  }
}
