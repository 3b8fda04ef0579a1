import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { RoundChangeView } from '../../../shared/schemas/rounds.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { ConsultationOption } from '../consultations/option.entity.js';
import type { Round } from './round.entity.js';

const CHANGE_ACTIONS: RoundChangeView['action'][] = [
  'option.added',
  'option.edited',
  'option.retired',
  'option.restored',
  'option.reordered',
  'consultation.updated',
];

/**
 * What changed between the previous round and this one, read from the audit log: the options added, reworded,
 * retired or reordered and the settings changed after the previous round closed (and before this one opened).
 * The draft's own changes are the collaboration module's to show.
 */
@Injectable()
export class RoundChangesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async since(round: Round, previous: Round | null): Promise<RoundChangeView[]> {
    if (!previous?.closedAt) return [];
    const qb = this.db
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.consultationId = :cid', { cid: round.consultationId })
      .andWhere('e.action IN (:...actions)', { actions: CHANGE_ACTIONS })
      .andWhere('e.createdAt > :from', { from: previous.closedAt })
      .orderBy('e.id', 'ASC');
    if (round.openedAt) qb.andWhere('e.createdAt <= :to', { to: round.openedAt });
    const events = await qb.getMany();
    const optionIds = [
      ...new Set(events.map((e) => e.payload.optionId).filter((id): id is string => typeof id === 'string')),
    ];
    const options = optionIds.length
      ? await this.db.getRepository(ConsultationOption).findBy({ id: In(optionIds) })
      : [];
    const labels = new Map(options.map((o) => [o.id, o.label]));
    return events.map((e) => {
      const optionId = typeof e.payload.optionId === 'string' ? e.payload.optionId : null;
      const changes = e.payload.changes;
      return {
        action: e.action as RoundChangeView['action'],
        at: e.createdAt.toISOString(),
        option: optionId ? { id: optionId, label: labels.get(optionId) ?? '' } : null,
        fields: changes && typeof changes === 'object' ? Object.keys(changes) : [],
      };
    });
  }
}
