import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OptionView } from '../../../shared/schemas/consultations.js';
import type {
  OptionInput,
  ReorderOptionsInput,
  UpdateOptionInput,
} from '../../../shared/schemas/consultations.js';
import { conflict, invalid, notFound } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../policy/principal.js';
import { RoundOption } from '../rounds/round-option.entity.js';
import { Round } from '../rounds/round.entity.js';
import { ConsultationAdminService } from './consultation-admin.service.js';
import { Consultation } from './consultation.entity.js';
import { toOptionView } from './consultation.views.js';
import { ConsultationOption } from './option.entity.js';

/**
 * Options change only while no round is open: stakeholders take positions on what an option says, so the
 * ballot holds still for the whole round. An option once on record in a round keeps its wording for good
 * (retire it and add another instead); reordering and retiring stay possible between rounds.
 */
@Injectable()
export class OptionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly admin: ConsultationAdminService,
  ) {}

  /** Locks the consultation (round opening locks it too) and refuses while a round is open. */
  private async lockForOptionChange(tx: EntityManager, consultationId: string) {
    const c = await tx
      .getRepository(Consultation)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :consultationId', { consultationId })
      .getOne();
    if (!c) throw notFound('The consultation');
    const open = await tx.getRepository(Round).findOneBy({ consultationId, status: 'open' });
    if (open) {
      throw conflict(
        `Round ${open.number} is open: options can change only while no round is open, so that everyone takes positions on the same options`,
      );
    }
  }

  private async optionOf(tx: EntityManager, consultationId: string, optionId: string) {
    const o = await tx.getRepository(ConsultationOption).findOneBy({ id: optionId, consultationId });
    if (!o) throw notFound('The option');
    return o;
  }

  async add(principal: Principal, consultationId: string, input: OptionInput): Promise<OptionView> {
    const option = await this.db.transaction(async (tx) => {
      await this.lockForOptionChange(tx, consultationId);
      const max: { max: number | null }[] = await tx.query(
        `SELECT max(sort_order) AS max FROM options WHERE consultation_id = $1`,
        [consultationId],
      );
      const o = await tx.getRepository(ConsultationOption).save({
        consultationId,
        label: input.label,
        description: input.description ?? '',
        sortOrder: (max[0]?.max ?? 0) + 1,
      });
      await this.audit.append(tx, {
        consultationId,
        actorId: principal.userId,
        action: 'option.added',
        payload: { optionId: o.id, label: o.label, description: o.description },
      });
      return o;
    });
    this.admin.announce(consultationId, 'options');
    return toOptionView(option);
  }

  async update(
    principal: Principal,
    consultationId: string,
    optionId: string,
    input: UpdateOptionInput,
  ): Promise<OptionView> {
    const option = await this.db.transaction(async (tx) => {
      await this.lockForOptionChange(tx, consultationId);
      const o = await this.optionOf(tx, consultationId, optionId);
      const rewording =
        (input.label !== undefined && input.label !== o.label) ||
        (input.description !== undefined && input.description !== o.description);
      if (rewording) {
        const onRecord: { number: number }[] = await tx.query(
          `SELECT r.number FROM ${tx.getRepository(RoundOption).metadata.tableName} ro JOIN rounds r ON r.id = ro.round_id
           WHERE ro.option_id = $1 ORDER BY r.number`,
          [optionId],
        );
        if (onRecord.length) {
          throw conflict(
            `This option is on record in round ${onRecord.map((r) => r.number).join(', ')} and keeps its wording; retire it and add a new option instead`,
          );
        }
      }
      const before = { label: o.label, description: o.description, retired: !!o.retiredAt };
      if (input.label !== undefined) o.label = input.label;
      if (input.description !== undefined) o.description = input.description;
      if (input.retired !== undefined && input.retired !== !!o.retiredAt) {
        o.retiredAt = input.retired ? new Date() : null;
      }
      await tx.getRepository(ConsultationOption).save(o);
      const after = { label: o.label, description: o.description, retired: !!o.retiredAt };
      const action =
        before.retired !== after.retired
          ? after.retired
            ? 'option.retired'
            : 'option.restored'
          : 'option.edited';
      await this.audit.append(tx, {
        consultationId,
        actorId: principal.userId,
        action,
        payload: { optionId, before, after },
      });
      return o;
    });
    this.admin.announce(consultationId, 'options');
    return toOptionView(option);
  }

  async reorder(
    principal: Principal,
    consultationId: string,
    input: ReorderOptionsInput,
  ): Promise<OptionView[]> {
    const options = await this.db.transaction(async (tx) => {
      await this.lockForOptionChange(tx, consultationId);
      const all = await tx.getRepository(ConsultationOption).findBy({ consultationId });
      const given = new Set(input.optionIds);
      if (
        given.size !== input.optionIds.length ||
        all.length !== given.size ||
        all.some((o) => !given.has(o.id))
      ) {
        throw invalid('optionIds: list every option of this consultation exactly once, in the new order');
      }
      const byId = new Map(all.map((o) => [o.id, o]));
      const ordered = input.optionIds.map((id, i) => Object.assign(byId.get(id)!, { sortOrder: i + 1 }));
      await tx.getRepository(ConsultationOption).save(ordered);
      await this.audit.append(tx, {
        consultationId,
        actorId: principal.userId,
        action: 'option.reordered',
        payload: { optionIds: input.optionIds },
      });
      return ordered;
    });
    this.admin.announce(consultationId, 'options');
    return options.map(toOptionView);
  }
}
