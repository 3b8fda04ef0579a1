import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors.js';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import type { Consultation } from '../consultations/consultation.entity.js';
import type { PolicyContext } from '../policy/policy.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import type { Round } from '../rounds/round.entity.js';

export interface RoundReadContext {
  round: Round;
  consultation: Consultation;
  ctx: PolicyContext;
  /** The consultation hides positions and tallies from this reader until the round closes. */
  talliesHidden: boolean;
}

export const HIDDEN_TALLIES_MESSAGE =
  'This consultation hides positions and tallies until the round closes, so that early answers do not sway later ones';

/**
 * Whether a tally is hidden from someone: the consultation asks for it, the round is not closed yet, and the
 * reader is not the secretariat (policy action `tally.readHidden`).
 */
export function talliesHiddenFor(
  policy: PolicyService,
  principal: Principal | null,
  consultation: Pick<Consultation, 'hideTalliesUntilClose'>,
  round: Pick<Round, 'status'>,
  ctx: PolicyContext,
): boolean {
  if (!consultation.hideTalliesUntilClose || round.status === 'closed') return false;
  return !policy.can(principal, 'tally.readHidden', ctx);
}

/** Loads a round for a reader: 404 when it does not exist or its consultation is not readable by them. */
@Injectable()
export class RoundReadAccess {
  constructor(
    private readonly access: ConsultationAccess,
    private readonly policy: PolicyService,
  ) {}

  async load(principal: Principal | null, roundId: string): Promise<RoundReadContext> {
    const { round, consultation, ctx } = await this.access.roundContext(principal, roundId);
    if (!this.policy.can(principal, 'consultation.read', ctx)) {
      if (!principal) this.policy.assert(principal, 'consultation.read', ctx);
      throw notFound('The round');
    }
    return {
      round,
      consultation,
      ctx,
      talliesHidden: talliesHiddenFor(this.policy, principal, consultation, round, ctx),
    };
  }
}
