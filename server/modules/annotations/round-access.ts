import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import type { Consultation } from '../consultations/consultation.entity.js';
import type { Action, PolicyContext } from '../policy/policy.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import type { Round } from '../rounds/round.entity.js';

export interface RoundScope {
  round: Round;
  consultation: Consultation;
  ctx: PolicyContext;
  /** The viewer may see hidden bodies and the flags (secretariat, chairs). */
  moderator: boolean;
  /** Secretariat or chair: their comments carry the "official" badge. */
  official: boolean;
}

/**
 * Loads a round with its consultation and the principal's role, and answers the policy for annotation work.
 * A reader who may not see a restricted consultation gets the policy's answer (401 anonymous, 403 signed in).
 */
@Injectable()
export class RoundAccess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConsultationAccess,
    private readonly policy: PolicyService,
  ) {}

  async scope(
    principal: Principal | null,
    roundId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<RoundScope> {
    const { round, consultation, ctx } = await this.access.roundContext(principal, roundId, manager);
    this.policy.assert(principal, 'consultation.read', ctx);
    // "moderate" is refused on a closed round, but moderators still read hidden bodies there.
    const isModerator = principal?.platformRole === 'secretariat' || ctx.role === 'chair';
    return { round, consultation, ctx, moderator: isModerator, official: isModerator };
  }

  assert(principal: Principal | null, scope: RoundScope, action: Action, ownerId?: string | null) {
    this.policy.assert(principal, action, { ...scope.ctx, ownerId });
  }
}
