import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Membership, PlatformRole, Region, StakeholderGroup } from '../../shared/domain.js';
import { hashPassword } from '../../server/modules/auth/passwords.js';
import { ConsultationRoleGrant } from '../../server/modules/consultations/consultation-role.entity.js';
import { Consultation } from '../../server/modules/consultations/consultation.entity.js';
import { ConsultationOption } from '../../server/modules/consultations/option.entity.js';
import { Organisation } from '../../server/modules/organisations/organisation.entity.js';
import { Round } from '../../server/modules/rounds/round.entity.js';
import { User } from '../../server/modules/users/user.entity.js';
import type { TestApp } from './test-app.js';

export const PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

export interface SignedInUser {
  user: User;
  token: string;
  refreshToken: string;
  /** `Authorization` header value. */
  auth: string;
}

export async function createOrganisation(
  t: TestApp,
  over: Partial<Organisation> = {},
): Promise<Organisation> {
  return t.db.getRepository(Organisation).save({
    name: `Org ${randomUUID().slice(0, 8)}`,
    stakeholderGroup: 'government' as StakeholderGroup,
    membership: 'member_state' as Membership,
    country: 'FR',
    region: 'europe' as Region,
    verified: true,
    ...over,
  });
}

/** A user stored directly, then signed in through the real API. */
export async function createUser(
  t: TestApp,
  over: Partial<User> & { platformRole?: PlatformRole } = {},
): Promise<SignedInUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const repo = t.db.getRepository(User);
  const user = await repo.save(
    repo.create({
      email: `user-${randomUUID()}@example.org`,
      displayName: 'Test User',
      passwordHash: await passwordHash,
      platformRole: 'user',
      membership: 'non_member',
      ...over,
    }),
  );
  const res = await request(t.url)
    .post('/api/auth/login')
    .send({ email: user.email, password: PASSWORD })
    .expect(200);
  return {
    user,
    token: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth: `Bearer ${res.body.accessToken}`,
  };
}

export async function createConsultation(
  t: TestApp,
  over: Partial<Consultation> = {},
  optionLabels = ['Option A', 'Option B', 'Option C'],
): Promise<{ consultation: Consultation; options: ConsultationOption[] }> {
  const consultation = await t.db.getRepository(Consultation).save({
    title: 'Test consultation',
    question: 'Which option?',
    visibility: 'public',
    participation: 'all_stakeholders',
    ...over,
  } as Consultation);
  const options = await t.db.getRepository(ConsultationOption).save(
    optionLabels.map((label, i) => ({
      consultationId: consultation.id,
      label,
      sortOrder: i + 1,
      description: '',
    })),
  );
  return { consultation, options };
}

export async function createRound(
  t: TestApp,
  consultationId: string,
  over: Partial<Round> = {},
): Promise<Round> {
  const count = await t.db.getRepository(Round).countBy({ consultationId });
  return t.db.getRepository(Round).save({
    consultationId,
    number: count + 1,
    status: 'open',
    openedAt: new Date(),
    ...over,
  } as Round);
}

export async function grantRole(
  t: TestApp,
  consultationId: string,
  userId: string,
  role: ConsultationRoleGrant['role'],
) {
  await t.db.getRepository(ConsultationRoleGrant).save({ consultationId, userId, role });
}
