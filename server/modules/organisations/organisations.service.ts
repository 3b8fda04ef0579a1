import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganisationView } from '../../../shared/schemas/auth.js';
import type {
  OrganisationMemberView,
  ProposeOrganisationInput,
  UpdateMemberInput,
} from '../../../shared/schemas/identity.js';
import { conflict, notFound } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { ACCESS_CHANGED, AccessChanged } from '../policy/access-events.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { User } from '../users/user.entity.js';
import { Organisation } from './organisation.entity.js';

export const toOrganisationView = (o: Organisation): OrganisationView => ({
  id: o.id,
  name: o.name,
  stakeholderGroup: o.stakeholderGroup,
  membership: o.membership,
  country: o.country,
  region: o.region,
  verified: o.verified,
});

/**
 * Organisations and who speaks for them. A focal point speaks for their organisation only once the
 * secretariat has verified it (PrincipalResolver), so proposing "Ministry of X" gives nobody its voice.
 */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  /** Verified organisations for everyone; signed-in people also see proposals waiting for verification. */
  async list(principal: Principal | null): Promise<OrganisationView[]> {
    const orgs = await this.db.getRepository(Organisation).find({
      where: principal ? {} : { verified: true },
      order: { name: 'ASC' },
    });
    return orgs.map(toOrganisationView);
  }

  private async load(manager: EntityManager, id: string, lock = false): Promise<Organisation> {
    const org = await manager
      .getRepository(Organisation)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!org) throw notFound('The organisation');
    return org;
  }

  /** The proposer joins it as its admin and first focal point (which counts once it is verified). */
  async propose(principal: Principal, input: ProposeOrganisationInput): Promise<OrganisationView> {
    this.policy.assert(principal, 'organisation.propose', {});
    const org = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(Organisation);
      const taken = await repo
        .createQueryBuilder('o')
        .where('lower(o.name) = lower(:name)', { name: input.name })
        .getExists();
      if (taken) throw conflict('An organisation with this name already exists; join it instead');
      const created = await repo.save(repo.create({ ...input, verified: false }));
      await tx
        .getRepository(User)
        .update(
          { id: principal.userId },
          { organisationId: created.id, isFocalPoint: true, isOrgAdmin: true },
        );
      await this.audit.append(tx, {
        actorId: principal.userId,
        action: 'organisation.proposed',
        payload: { organisationId: created.id, name: created.name },
      });
      return created;
    });
    this.accessChanged(principal.userId);
    return toOrganisationView(org);
  }

  async setVerified(principal: Principal, id: string, verified: boolean): Promise<OrganisationView> {
    this.policy.assert(principal, 'organisations.verify', {});
    const { org, memberIds } = await this.db.transaction(async (tx) => {
      const org = await this.load(tx, id, true);
      org.verified = verified;
      await tx.getRepository(Organisation).save(org);
      await this.audit.append(tx, {
        actorId: principal.userId,
        action: verified ? 'organisation.verified' : 'organisation.unverified',
        payload: { organisationId: org.id, name: org.name },
      });
      const members = await tx
        .getRepository(User)
        .find({ select: { id: true }, where: { organisationId: id } });
      return { org, memberIds: members.map((m) => m.id) };
    });
    // Its focal points gain (or lose) the organisation's voice.
    for (const userId of memberIds) this.accessChanged(userId);
    return toOrganisationView(org);
  }

  /** Joining is for oneself; a member speaks for nobody until made a focal point. */
  async join(principal: Principal, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.load(tx, id);
      await tx
        .getRepository(User)
        .update({ id: principal.userId }, { organisationId: id, isFocalPoint: false, isOrgAdmin: false });
      await this.audit.append(tx, {
        actorId: principal.userId,
        action: 'organisation.joined',
        payload: { organisationId: id, previousOrganisationId: principal.organisationId },
      });
    });
    this.accessChanged(principal.userId);
  }

  async members(principal: Principal, id: string): Promise<OrganisationMemberView[]> {
    await this.load(this.db.manager, id);
    // Members see each other; the secretariat and the org's admin manage them through the same list.
    if (principal.organisationId !== id)
      this.policy.assert(principal, 'organisation.manageMembers', { organisation: { id } });
    const users = await this.db
      .getRepository(User)
      .find({ where: { organisationId: id }, order: { displayName: 'ASC' } });
    return users.map((u) => ({
      userId: u.id,
      displayName: u.displayName,
      isFocalPoint: u.isFocalPoint,
      isOrgAdmin: u.isOrgAdmin,
    }));
  }

  async updateMember(
    principal: Principal,
    id: string,
    userId: string,
    input: UpdateMemberInput,
  ): Promise<OrganisationMemberView> {
    this.policy.assert(principal, 'organisation.manageMembers', { organisation: { id }, subjectId: userId });
    const user = await this.db.transaction(async (tx) => {
      await this.load(tx, id);
      const user = await tx.getRepository(User).findOne({ where: { id: userId, organisationId: id } });
      if (!user) throw notFound('This member of the organisation');
      const before = { focalPoint: user.isFocalPoint, orgAdmin: user.isOrgAdmin };
      if (input.focalPoint !== undefined) user.isFocalPoint = input.focalPoint;
      if (input.orgAdmin !== undefined) user.isOrgAdmin = input.orgAdmin;
      await tx
        .getRepository(User)
        .update({ id: userId }, { isFocalPoint: user.isFocalPoint, isOrgAdmin: user.isOrgAdmin });
      await this.audit.append(tx, {
        actorId: principal.userId,
        action: 'organisation.member_updated',
        payload: { organisationId: id, userId, before, after: input },
      });
      return user;
    });
    this.accessChanged(userId);
    return {
      userId: user.id,
      displayName: user.displayName,
      isFocalPoint: user.isFocalPoint,
      isOrgAdmin: user.isOrgAdmin,
    };
  }

  /** Leaving (oneself) or removal by the secretariat or the organisation's admin. */
  async removeMember(principal: Principal, id: string, userId: string): Promise<void> {
    if (userId !== principal.userId) {
      this.policy.assert(principal, 'organisation.manageMembers', {
        organisation: { id },
        subjectId: userId,
      });
    }
    await this.db.transaction(async (tx) => {
      await this.load(tx, id);
      const result = await tx
        .getRepository(User)
        .update(
          { id: userId, organisationId: id },
          { organisationId: null, isFocalPoint: false, isOrgAdmin: false },
        );
      if (!result.affected) throw notFound('This member of the organisation');
      await this.audit.append(tx, {
        actorId: principal.userId,
        action: userId === principal.userId ? 'organisation.left' : 'organisation.member_removed',
        payload: { organisationId: id, userId },
      });
    });
    this.accessChanged(userId);
  }

  private accessChanged(userId: string) {
    this.events.emit(ACCESS_CHANGED, new AccessChanged(userId, null));
  }
}
