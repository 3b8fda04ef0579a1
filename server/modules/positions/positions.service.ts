import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Stance } from '../../../shared/domain.js';
import type { Capacity, PositionView } from '../../../shared/schemas/positions.js';
import { conflict, forbidden, invalidField, notFound } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import { ConsultationOption } from '../consultations/option.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { lockRoundForWrite } from '../rounds/round-lock.js';
import { User } from '../users/user.entity.js';
import { type Actor, organisationActor, personalActor } from './actor.js';
import { PositionsQuery } from './positions.query.js';
import { RoundReadAccess } from './round-read-access.service.js';
import { TallyBroadcaster } from './tally-broadcaster.service.js';

export interface TakePosition {
  stance: Stance;
  rationale: string;
  preferred: boolean;
  capacity: Capacity;
}

/** TypeORM answers `UPDATE … RETURNING` with `[rows, affectedCount]`, and `INSERT … RETURNING` with rows. */
function returned<T>(result: unknown): T[] {
  const r = result as [T[], number] | T[];
  return r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number' ? (r[0] as T[]) : (r as T[]);
}

/** One actor's new position on one option, as `record` writes it. */
export interface PositionChange {
  consultationId: string;
  roundId: string;
  optionId: string;
  actor: Actor;
  castById: string;
  stance: Stance;
  rationale: string;
  preferred: boolean;
}

/**
 * Taking, changing and withdrawing positions. Each change runs in one transaction that locks the round for
 * writing (so it lands before a close or is refused with 409 ROUND_CLOSED), keeps a revision of every
 * version, appends to the audit chain, and only after commit announces the new tallies.
 */
@Injectable()
export class PositionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConsultationAccess,
    private readonly readAccess: RoundReadAccess,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly query: PositionsQuery,
    private readonly broadcaster: TallyBroadcaster,
  ) {}

  async take(
    principal: Principal,
    roundId: string,
    optionId: string,
    input: TakePosition,
  ): Promise<PositionView> {
    const { round } = await this.readAccess.load(principal, roundId);
    const result = await this.db.transaction(async (manager) => {
      const locked = await lockRoundForWrite(manager, roundId);
      const { consultation, ctx } = await this.access.context(principal, locked.consultationId, manager);
      this.policy.assert(principal, 'position.take', {
        ...ctx,
        round: { status: locked.status, number: locked.number },
      });
      await this.assertOption(manager, locked.consultationId, optionId);
      const rationale = input.rationale.trim();
      if (consultation.rationaleRequired && !rationale) {
        throw invalidField(
          'rationale',
          'required',
          'this consultation asks for a rationale with every position',
        );
      }
      if (rationale.length > consultation.rationaleMaxLength) {
        throw invalidField(
          'rationale',
          'too_long',
          `at most ${consultation.rationaleMaxLength} characters in this consultation`,
          consultation.rationaleMaxLength,
        );
      }
      if (input.preferred && input.stance === 'oppose') {
        throw invalidField('preferred', 'invalid', 'an option you oppose cannot be your preferred one');
      }
      const actor = await this.actorOf(manager, principal, input.capacity);
      const { saved, cleared } = await this.record(manager, {
        consultationId: locked.consultationId,
        roundId,
        optionId,
        actor,
        castById: principal.userId,
        stance: input.stance,
        rationale,
        preferred: input.preferred,
      });
      await this.audit.append(manager, {
        consultationId: locked.consultationId,
        actorId: principal.userId,
        action: saved.version === 1 ? 'position.taken' : 'position.changed',
        payload: {
          roundId,
          optionId,
          positionId: saved.id,
          actorKey: actor.key,
          capacity: actor.capacity,
          stance: input.stance,
          preferred: input.preferred,
          rationaleLength: rationale.length,
          version: saved.version,
          preferenceClearedOn: cleared.map((c) => c.option_id),
        },
      });
      const view = await this.query.one(manager, saved.id);
      return { view, optionIds: [optionId, ...cleared.map((c) => c.option_id)] };
    });
    this.broadcaster.changed(round.consultationId, roundId, result.optionIds, result.view.actorKey);
    return result.view;
  }

  async withdraw(principal: Principal, roundId: string, optionId: string, capacity: Capacity): Promise<void> {
    const { round } = await this.readAccess.load(principal, roundId);
    const actorKey = await this.db.transaction(async (manager) => {
      const locked = await lockRoundForWrite(manager, roundId);
      const { ctx } = await this.access.context(principal, locked.consultationId, manager);
      this.policy.assert(principal, 'position.take', {
        ...ctx,
        round: { status: locked.status, number: locked.number },
      });
      const actor = await this.actorOf(manager, principal, capacity);
      await this.lockActor(manager, roundId, actor.key);
      const rows = returned<{ id: string; version: number }>(
        await manager.query(
          `UPDATE positions SET withdrawn_at = now(), preferred = false, version = version + 1, cast_by_id = $4,
           updated_at = now()
         WHERE round_id = $1 AND option_id = $2 AND actor_key = $3 AND withdrawn_at IS NULL
         RETURNING id, version`,
          [roundId, optionId, actor.key, principal.userId],
        ),
      );
      if (rows.length === 0) throw notFound('A position to withdraw on this option');
      await this.keepRevisions(manager, [rows[0].id]);
      await this.bumpTallyVersion(manager, roundId);
      await this.audit.append(manager, {
        consultationId: locked.consultationId,
        actorId: principal.userId,
        action: 'position.withdrawn',
        payload: { roundId, optionId, positionId: rows[0].id, actorKey: actor.key, version: rows[0].version },
      });
      return actor.key;
    });
    this.broadcaster.changed(round.consultationId, roundId, [optionId], actorKey);
  }

  /**
   * Writes an actor's position inside the caller's transaction: the row with the actor's classification, its
   * revision, the cleared preference elsewhere, the tally version. Checks (policy, option, rationale) and the
   * audit trail are the caller's; the round must be locked for writing or not yet committed.
   */
  async record(manager: EntityManager, change: PositionChange) {
    const { roundId, optionId, actor, castById } = change;
    await this.lockActor(manager, roundId, actor.key);
    const changed: string[] = [];
    const cleared: { id: string; option_id: string }[] = [];
    if (change.preferred) {
      // One preferred option per actor and round: choosing this one clears the others, in this transaction.
      const rows = returned<{ id: string; option_id: string }>(
        await manager.query(
          `UPDATE positions SET preferred = false, version = version + 1, cast_by_id = $4, updated_at = now()
           WHERE round_id = $1 AND actor_key = $2 AND option_id <> $3 AND preferred AND withdrawn_at IS NULL
           RETURNING id, option_id`,
          [roundId, actor.key, optionId, castById],
        ),
      );
      cleared.push(...rows);
      changed.push(...rows.map((r) => r.id));
    }
    const [saved]: { id: string; version: number }[] = await manager.query(
      `INSERT INTO positions (consultation_id, round_id, option_id, actor_key, capacity, user_id, organisation_id,
         cast_by_id, stance, rationale, preferred, stakeholder_group, membership, country, region)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (round_id, option_id, actor_key) DO UPDATE SET
         cast_by_id = EXCLUDED.cast_by_id, stance = EXCLUDED.stance, rationale = EXCLUDED.rationale,
         preferred = EXCLUDED.preferred, stakeholder_group = EXCLUDED.stakeholder_group,
         membership = EXCLUDED.membership, country = EXCLUDED.country, region = EXCLUDED.region,
         version = positions.version + 1, withdrawn_at = NULL, updated_at = now()
       RETURNING id, version`,
      [
        change.consultationId,
        roundId,
        optionId,
        actor.key,
        actor.capacity,
        actor.userId,
        actor.organisationId,
        castById,
        change.stance,
        change.rationale,
        change.preferred,
        actor.stakeholderGroup,
        actor.membership,
        actor.country,
        actor.region,
      ],
    );
    changed.push(saved.id);
    await this.keepRevisions(manager, changed);
    await this.bumpTallyVersion(manager, roundId);
    return { saved, cleared };
  }

  private async assertOption(manager: EntityManager, consultationId: string, optionId: string) {
    const option = await manager
      .getRepository(ConsultationOption)
      .findOneBy({ id: optionId, consultationId });
    if (!option) throw notFound('The option');
    if (option.retiredAt) throw conflict('This option was retired: positions on it can no longer change');
  }

  /** The person, or their organisation when they speak as its focal point: refused otherwise. */
  private async actorOf(manager: EntityManager, principal: Principal, capacity: Capacity): Promise<Actor> {
    if (capacity === 'organisation') {
      if (!principal.organisationId) {
        throw forbidden(
          'You belong to no organisation, so you can only take positions in your personal capacity',
        );
      }
      const org = await manager.getRepository(Organisation).findOneBy({ id: principal.organisationId });
      if (!org) throw notFound('Your organisation');
      if (!principal.isFocalPoint) {
        throw forbidden(
          `Only a focal point of ${org.name} may speak for it; you may take a position in your personal capacity`,
        );
      }
      return organisationActor(org);
    }
    const user = await manager
      .getRepository(User)
      .findOne({ where: { id: principal.userId }, relations: { organisation: true } });
    if (!user) throw notFound('Your account');
    return personalActor(user);
  }

  /** Serialises one actor's changes in a round, so two tabs cannot both end up "preferred". */
  private async lockActor(manager: EntityManager, roundId: string, actorKey: string) {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`positions:${roundId}:${actorKey}`]);
  }

  /**
   * Orders tallies by commit: the row lock taken here is held until commit, so versions follow commit order.
   * Every position writer takes it just before the audit chain's lock, always in that order: no deadlock.
   */
  private async bumpTallyVersion(manager: EntityManager, roundId: string) {
    await manager.query(
      `INSERT INTO position_tally_versions (round_id, version) VALUES ($1, 1)
       ON CONFLICT (round_id) DO UPDATE SET version = position_tally_versions.version + 1`,
      [roundId],
    );
  }

  /** Appends the positions' current versions to their history, dated by the transaction's now(). */
  private async keepRevisions(manager: EntityManager, positionIds: string[]) {
    await manager.query(
      `INSERT INTO position_revisions (position_id, version, stance, rationale, preferred, withdrawn, cast_by_id)
       SELECT id, version, stance, rationale, preferred, withdrawn_at IS NOT NULL, cast_by_id
       FROM positions WHERE id = ANY($1::uuid[])`,
      [positionIds],
    );
  }
}
