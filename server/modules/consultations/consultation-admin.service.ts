import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ERROR_CODES } from '../../../shared/domain.js';
import { SERVER_EVENTS, consultationRoom } from '../../../shared/events.js';
import {
  CONSULTATION_SETTINGS,
  type CreateConsultationInput,
  type UpdateConsultationInput,
} from '../../../shared/schemas/consultations.js';
import type { ConsultationUpdatedPayload } from '../../../shared/schemas/rounds.js';
import { conflict, invalid, notFound } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../policy/principal.js';
import { LIVE_EVENT, LiveEvent } from '../realtime/live-event.js';
import { User } from '../users/user.entity.js';
import { ConsultationRoleGrant } from './consultation-role.entity.js';
import { Consultation } from './consultation.entity.js';
import { ConsultationOption } from './option.entity.js';

const staleVersion = (based: number, now: number) =>
  conflict(
    `These settings were changed by someone else since you loaded them (you had version ${based}, it is now ` +
      `version ${now}): nothing was saved; load the current settings and apply your changes again`,
    ERROR_CODES.STALE_VERSION,
  );

/** The secretariat sets up consultations: settings, chairs and first options, each change audited. */
@Injectable()
export class ConsultationAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  async create(principal: Principal, input: CreateConsultationInput): Promise<string> {
    const id = await this.db.transaction(async (tx) => {
      const { options = [], chairIds, ...settings } = input;
      const c = await tx
        .getRepository(Consultation)
        .save(tx.getRepository(Consultation).create({ ...settings, createdById: principal.userId }));
      if (options.length) {
        await tx.getRepository(ConsultationOption).save(
          options.map((o, i) => ({
            consultationId: c.id,
            label: o.label,
            description: o.description ?? '',
            sortOrder: i + 1,
          })),
        );
      }
      await this.audit.append(tx, {
        consultationId: c.id,
        actorId: principal.userId,
        action: 'consultation.created',
        payload: { ...settings, options: options.map((o) => o.label) },
      });
      if (chairIds) await this.setChairs(tx, c.id, chairIds, principal);
      return c.id;
    });
    return id;
  }

  async update(principal: Principal, id: string, input: UpdateConsultationInput): Promise<void> {
    const { chairIds, version, ...settings } = input;
    await this.db.transaction(async (tx) => {
      const c = await tx
        .getRepository(Consultation)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id })
        .getOne();
      if (!c) throw notFound('The consultation');
      if (version !== undefined && version !== c.version) throw staleVersion(version, c.version);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of CONSULTATION_SETTINGS) {
        const value = settings[key];
        if (value !== undefined && value !== c[key]) {
          changes[key] = { from: c[key], to: value };
          (c as unknown as Record<string, unknown>)[key] = value;
        }
      }
      if (Object.keys(changes).length) {
        await tx.getRepository(Consultation).save(c);
        await this.audit.append(tx, {
          consultationId: id,
          actorId: principal.userId,
          action: 'consultation.updated',
          payload: { changes },
        });
      }
      if (chairIds) await this.setChairs(tx, id, chairIds, principal);
    });
    this.announce(id, chairIds && Object.keys(settings).length === 0 ? 'chairs' : 'settings');
  }

  /** Makes exactly these users the chairs; former chairs lose the role (they keep their contributions). */
  private async setChairs(
    tx: EntityManager,
    consultationId: string,
    chairIds: string[],
    principal: Principal,
  ) {
    const wanted = [...new Set(chairIds)];
    const users = wanted.length ? await tx.getRepository(User).findBy({ id: In(wanted) }) : [];
    if (users.length !== wanted.length) throw invalid('chairIds: every chair must be an existing account');
    const grants = tx.getRepository(ConsultationRoleGrant);
    const current = await grants.findBy({ consultationId, role: 'chair' });
    const removed = current.filter((g) => !wanted.includes(g.userId)).map((g) => g.userId);
    const added = wanted.filter((u) => !current.some((g) => g.userId === u));
    if (removed.length) await grants.delete({ consultationId, userId: In(removed) });
    for (const userId of added)
      await grants.upsert({ consultationId, userId, role: 'chair' }, ['consultationId', 'userId']);
    if (removed.length || added.length) {
      await this.audit.append(tx, {
        consultationId,
        actorId: principal.userId,
        action: 'consultation.chairsChanged',
        payload: { added, removed },
      });
    }
  }

  announce(consultationId: string, change: ConsultationUpdatedPayload['change']) {
    const payload: ConsultationUpdatedPayload = { consultationId, change };
    this.events.emit(
      LIVE_EVENT,
      new LiveEvent(consultationRoom(consultationId), SERVER_EVENTS.CONSULTATION_UPDATED, payload),
    );
  }
}
