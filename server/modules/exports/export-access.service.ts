import { Injectable } from '@nestjs/common';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import type { Consultation } from '../consultations/consultation.entity.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { talliesHiddenFor } from '../positions/round-read-access.service.js';
import type { Round } from '../rounds/round.entity.js';

export interface ExportContext {
  /** The round WITHOUT its closing record: the record is streamed from the database section by section. */
  round: Round;
  consultation: Consultation;
  talliesHidden: boolean;
  full: boolean;
}

/**
 * Who may export what: anyone who reads the consultation gets the public export; `scope=full` (hidden
 * comments, marked hidden, with the moderation reason) needs `export.full` (the secretariat).
 */
@Injectable()
export class ExportAccess {
  constructor(
    private readonly access: ConsultationAccess,
    private readonly policy: PolicyService,
  ) {}

  async load(principal: Principal | null, roundId: string, scope: 'public' | 'full'): Promise<ExportContext> {
    const { round, consultation, ctx } = await this.access.roundContext(principal, roundId);
    this.policy.assert(principal, 'consultation.read', ctx);
    if (scope === 'full') this.policy.assert(principal, 'export.full', ctx);
    return {
      round,
      consultation,
      talliesHidden: talliesHiddenFor(this.policy, principal, consultation, round, ctx),
      full: scope === 'full',
    };
  }
}
