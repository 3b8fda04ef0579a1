import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/errors.js';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import type { Consultation } from '../consultations/consultation.entity.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { talliesHiddenFor } from '../positions/round-read-access.service.js';
import { Round } from '../rounds/round.entity.js';

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConsultationAccess,
    private readonly policy: PolicyService,
  ) {}

  async load(principal: Principal | null, roundId: string, scope: 'public' | 'full'): Promise<ExportContext> {
    const round = await this.db.getRepository(Round).findOne({
      where: { id: roundId },
      select: {
        id: true,
        consultationId: true,
        number: true,
        status: true,
        opensAt: true,
        closesAt: true,
        openedAt: true,
        closedAt: true,
        closingDigest: true,
      },
    });
    if (!round) throw notFound('The round');
    const consultation = await this.access.assertCanRead(principal, round.consultationId);
    const { ctx } = await this.access.context(principal, round.consultationId);
    const fullCtx = { ...ctx, round: { status: round.status, number: round.number } };
    if (scope === 'full') this.policy.assert(principal, 'export.full', fullCtx);
    return {
      round,
      consultation,
      talliesHidden: talliesHiddenFor(this.policy, principal, consultation, round, fullCtx),
      full: scope === 'full',
    };
  }
}
