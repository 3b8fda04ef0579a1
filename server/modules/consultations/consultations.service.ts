import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type {
  ChairView,
  ConsultationSummaryView,
  ConsultationView,
} from '../../../shared/schemas/consultations.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { Round } from '../rounds/round.entity.js';
import { ConsultationAccess } from './consultation-access.service.js';
import { ConsultationRoleGrant } from './consultation-role.entity.js';
import { Consultation } from './consultation.entity.js';
import { consultationStatus, currentRound, toOptionView, toRoundView } from './consultation.views.js';
import { ConsultationOption } from './option.entity.js';

@Injectable()
export class ConsultationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConsultationAccess,
    private readonly policy: PolicyService,
  ) {}

  /** The consultations this principal may read: public ones, plus restricted ones they are enrolled in. */
  async list(principal: Principal | null): Promise<ConsultationSummaryView[]> {
    const qb = this.db.getRepository(Consultation).createQueryBuilder('c').orderBy('c.createdAt', 'DESC');
    if (principal?.platformRole !== 'secretariat') {
      qb.where('c.visibility = :public', { public: 'public' });
      if (principal) {
        qb.orWhere(
          `EXISTS (SELECT 1 FROM consultation_roles r WHERE r.consultation_id = c.id AND r.user_id = :uid)`,
          { uid: principal.userId },
        );
      }
    }
    const consultations = await qb.getMany();
    if (consultations.length === 0) return [];
    const ids = consultations.map((c) => c.id);
    const [rounds, options] = await Promise.all([
      this.db.getRepository(Round).findBy({ consultationId: In(ids) }),
      this.db.getRepository(ConsultationOption).findBy({ consultationId: In(ids) }),
    ]);
    return consultations.map((c) => {
      const own = rounds.filter((r) => r.consultationId === c.id);
      const current = currentRound(own);
      return {
        id: c.id,
        title: c.title,
        question: c.question,
        visibility: c.visibility,
        participation: c.participation,
        status: consultationStatus(own),
        currentRound: current ? toRoundView(current) : null,
        optionCount: options.filter((o) => o.consultationId === c.id && !o.retiredAt).length,
      };
    });
  }

  async get(principal: Principal | null, id: string): Promise<ConsultationView> {
    const c = await this.access.assertCanRead(principal, id);
    const [rounds, options, grant] = await Promise.all([
      this.db.getRepository(Round).find({ where: { consultationId: id }, order: { number: 'ASC' } }),
      this.db
        .getRepository(ConsultationOption)
        .find({ where: { consultationId: id }, order: { sortOrder: 'ASC' } }),
      principal
        ? this.db
            .getRepository(ConsultationRoleGrant)
            .findOneBy({ consultationId: id, userId: principal.userId })
        : null,
    ]);
    const chairs: ChairView[] = await this.db.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName" FROM consultation_roles r
       JOIN users u ON u.id = r.user_id WHERE r.consultation_id = $1 AND r.role = 'chair' ORDER BY u.display_name`,
      [id],
    );
    const current = currentRound(rounds);
    const viewerRole =
      principal?.platformRole === 'secretariat'
        ? 'secretariat'
        : (grant?.role ?? (principal && c.visibility === 'public' ? 'participant' : null));
    return {
      id: c.id,
      title: c.title,
      question: c.question,
      description: c.description,
      visibility: c.visibility,
      participation: c.participation,
      hideTalliesUntilClose: c.hideTalliesUntilClose,
      rationaleRequired: c.rationaleRequired,
      rationaleMaxLength: c.rationaleMaxLength,
      chairsMayTakePositions: c.chairsMayTakePositions,
      version: c.version,
      chairs,
      status: consultationStatus(rounds),
      currentRound: current ? toRoundView(current) : null,
      optionCount: options.filter((o) => !o.retiredAt).length,
      options: options.map(toOptionView),
      rounds: rounds.map(toRoundView),
      viewerRole,
    };
  }
}
