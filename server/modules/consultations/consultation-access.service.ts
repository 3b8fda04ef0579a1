import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { notFound } from '../../common/errors.js';
import type { Action, PolicyContext } from '../policy/policy.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { Round } from '../rounds/round.entity.js';
import { ConsultationRoleGrant } from './consultation-role.entity.js';
import { Consultation } from './consultation.entity.js';

/** A round, its consultation and the principal's role there, with the policy context for the round. */
export interface RoundContext {
  /** Every column but the closing record (large, and read only by the record's own endpoints). */
  round: Round;
  consultation: Consultation;
  ctx: PolicyContext;
}

type WithGrant<T> = T & { grant?: ConsultationRoleGrant | null };

/**
 * Loads a consultation (or a round and its consultation) with the principal's role in it, in ONE query, and
 * asks the policy. Every request on a consultation or round starts here, and each /collab connection of a
 * crowd arriving: a round trip to PostgreSQL costs more than the query itself.
 */
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
    const query = manager
      .getRepository(Consultation)
      .createQueryBuilder('c')
      .where('c.id = :consultationId', { consultationId });
    const consultation: WithGrant<Consultation> | null = await withGrant(query, 'c', principal).getOne();
    if (!consultation) throw notFound('The consultation');
    const role = takeGrant(consultation);
    // The entity carries every flag the policy reads: visibility, participation, chairsMayTakePositions.
    return { consultation, ctx: { consultation, role } };
  }

  /** The round's context (404 when there is no such round); the caller asks the policy what it needs. */
  async roundContext(
    principal: Principal | null,
    roundId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<RoundContext> {
    const rounds = manager.getRepository(Round);
    const columns = rounds.metadata.columns
      .filter((c) => c.propertyName !== 'closingRecord')
      .map((c) => `r.${c.propertyName}`);
    const query = rounds
      .createQueryBuilder('r')
      .select(columns)
      .innerJoinAndMapOne('r.consultation', Consultation, 'c', 'c.id = r.consultationId')
      .where('r.id = :roundId', { roundId });
    const round: WithGrant<Round & { consultation?: Consultation }> | null = await withGrant(
      query,
      'r',
      principal,
    ).getOne();
    if (!round?.consultation) throw notFound('The round');
    const { consultation } = round;
    // The round goes out in API answers: nothing mapped onto it for this query stays on it.
    delete round.consultation;
    const role = takeGrant(round);
    return {
      round,
      consultation,
      ctx: { consultation, role, round: { status: round.status, number: round.number } },
    };
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

/** Joins the principal's grant in the consultation whose id `alias.consultationId` (or `c.id`) names. */
function withGrant<T extends object>(
  query: SelectQueryBuilder<T>,
  alias: 'c' | 'r',
  principal: Principal | null,
) {
  if (!principal) return query;
  const consultationId = alias === 'c' ? 'c.id' : 'r.consultationId';
  return query.leftJoinAndMapOne(
    `${alias}.grant`,
    ConsultationRoleGrant,
    'g',
    `g.consultationId = ${consultationId} AND g.userId = :grantUserId`,
    { grantUserId: principal.userId },
  );
}

/** The role the query mapped onto an entity, removed from it. */
function takeGrant(entity: WithGrant<object>) {
  const role = entity.grant?.role ?? null;
  delete entity.grant;
  return role;
}
