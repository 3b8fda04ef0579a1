import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../server/modules/audit/audit-event.entity.js';
import { PrincipalResolver } from '../server/modules/auth/principal.resolver.js';
import { Organisation } from '../server/modules/organisations/organisation.entity.js';
import { User } from '../server/modules/users/user.entity.js';
import { type SignedInUser, createOrganisation, createUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Profiles and organisations over HTTP: who may, who may not, and the audit. */
describe('Identity over HTTP: profiles and organisations', () => {
  let t: TestApp;
  let secretariat: SignedInUser;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    secretariat = await createUser(t, { platformRole: 'secretariat', displayName: 'Sec One' });
    admin = await createUser(t, { platformRole: 'admin', displayName: 'Admin' });
  });
  afterAll(() => t?.close());

  const auditCount = (action: string) => t.db.getRepository(AuditEvent).countBy({ action });

  describe('me and profile', () => {
    it('answers GET /api/me with 401 to an anonymous reader and the account to its owner', async () => {
      const anon = await request(t.url).get('/api/me').expect(401);
      expect(anon.body.message).toMatch(/Sign in/);
      const { auth, user } = await createUser(t);
      const me = await request(t.url).get('/api/me').set('Authorization', auth).expect(200);
      expect(me.body).toMatchObject({ id: user.id, email: user.email, isOrgAdmin: false });
    });

    it('updates the personal-capacity profile and audits which fields changed', async () => {
      const { auth } = await createUser(t);
      const res = await request(t.url)
        .patch('/api/me')
        .set('Authorization', auth)
        .send({
          displayName: 'Amina K.',
          stakeholderGroup: 'civil_society',
          membership: 'non_member',
          country: 'KE',
          region: 'africa',
        })
        .expect(200);
      expect(res.body).toMatchObject({ displayName: 'Amina K.', country: 'KE', region: 'africa' });
      const audit = await t.db
        .getRepository(AuditEvent)
        .findOneByOrFail({ action: 'profile.updated', actorId: res.body.id });
      expect(audit.payload).toEqual({
        fields: ['country', 'displayName', 'membership', 'region', 'stakeholderGroup'],
      });
    });

    it.each([
      [{ displayName: 'y'.repeat(101) }, /displayName: must be at most 100/],
      [{ platformRole: 'admin' }, /unknown field: platformRole/],
      [{ organisationId: '00000000-0000-4000-8000-000000000000' }, /unknown field: organisationId/],
      [{ region: 'mars' }, /region/],
    ])('refuses a profile change %j with a clear 400 and changes nothing', async (body, message) => {
      const { auth, user } = await createUser(t);
      const res = await request(t.url).patch('/api/me').set('Authorization', auth).send(body).expect(400);
      expect(res.body.message).toMatch(message);
      const after = await t.db.getRepository(User).findOneByOrFail({ id: user.id });
      expect(after).toMatchObject({
        displayName: user.displayName,
        platformRole: 'user',
        organisationId: null,
      });
    });
  });

  describe('organisations', () => {
    const proposal = (name: string) => ({
      name,
      stakeholderGroup: 'civil_society',
      membership: 'non_member',
      country: 'BR',
      region: 'americas',
    });

    it('lets anyone signed in propose an organisation, unverified, and makes them its admin', async () => {
      const { auth, user, token } = await createUser(t);
      await request(t.url).post('/api/organisations').send(proposal('Anonymous Org')).expect(401);
      const res = await request(t.url)
        .post('/api/organisations')
        .set('Authorization', auth)
        .send(proposal('Instituto Rede Aberta'))
        .expect(201);
      expect(res.body).toMatchObject({ name: 'Instituto Rede Aberta', verified: false });
      const stored = await t.db.getRepository(User).findOneByOrFail({ id: user.id });
      expect(stored).toMatchObject({ organisationId: res.body.id, isOrgAdmin: true, isFocalPoint: true });
      // Until the secretariat verifies it, nobody speaks for it.
      const principal = await t.app.get(PrincipalResolver).fromToken(token);
      expect(principal).toMatchObject({ organisationId: res.body.id, isFocalPoint: false });

      const anonList = await request(t.url).get('/api/organisations').expect(200);
      expect(anonList.body.map((o: Organisation) => o.id)).not.toContain(res.body.id);
      const list = await request(t.url).get('/api/organisations').set('Authorization', auth).expect(200);
      expect(list.body.map((o: Organisation) => o.id)).toContain(res.body.id);
    });

    it('refuses a duplicate name (any case) with a 409 and leaves the proposer where they were', async () => {
      const existing = await createOrganisation(t, { name: 'Ministry of Digital Affairs' });
      const { auth, user } = await createUser(t);
      const res = await request(t.url)
        .post('/api/organisations')
        .set('Authorization', auth)
        .send(proposal('MINISTRY OF DIGITAL AFFAIRS'))
        .expect(409);
      expect(res.body.message).toMatch(/already exists; join it instead/);
      expect(await t.db.getRepository(Organisation).countBy({ name: existing.name })).toBe(1);
      expect((await t.db.getRepository(User).findOneByOrFail({ id: user.id })).organisationId).toBeNull();
    });

    it('refuses a malformed proposal with a 400 and creates nothing', async () => {
      const { auth } = await createUser(t);
      const before = await t.db.getRepository(Organisation).count();
      await request(t.url)
        .post('/api/organisations')
        .set('Authorization', auth)
        .send({ ...proposal('Fine Name'), verified: true })
        .expect(400);
      await request(t.url)
        .post('/api/organisations')
        .set('Authorization', auth)
        .send(proposal('n'.repeat(201)))
        .expect(400);
      expect(await t.db.getRepository(Organisation).count()).toBe(before);
    });

    it('lets only the secretariat verify; then the focal point speaks for the organisation', async () => {
      const proposer = await createUser(t);
      const { body: org } = await request(t.url)
        .post('/api/organisations')
        .set('Authorization', proposer.auth)
        .send(proposal('Verified Later Ltd'))
        .expect(201);
      const participant = await createUser(t);
      const path = `/api/organisations/${org.id}/verify`;
      const anon = await request(t.url).post(path).send({}).expect(401);
      expect(anon.body.message).toMatch(/Sign in/);
      const refused = await request(t.url)
        .post(path)
        .set('Authorization', participant.auth)
        .send({})
        .expect(403);
      expect(refused.body.message).toBe('Only the secretariat verifies organisations');
      await request(t.url).post(path).set('Authorization', admin.auth).send({}).expect(403);
      await request(t.url).post(path).set('Authorization', proposer.auth).send({}).expect(403);
      const before = await auditCount('organisation.verified');
      const ok = await request(t.url).post(path).set('Authorization', secretariat.auth).send({}).expect(200);
      expect(ok.body.verified).toBe(true);
      expect(await auditCount('organisation.verified')).toBe(before + 1);
      const principal = await t.app.get(PrincipalResolver).fromToken(proposer.token);
      expect(principal).toMatchObject({ organisationId: org.id, isFocalPoint: true, isOrgAdmin: true });
    });

    it('lets people join as plain members; the org admin or the secretariat sets focal points', async () => {
      const org = await createOrganisation(t, { verified: true });
      const orgAdmin = await createUser(t, { organisationId: org.id, isOrgAdmin: true });
      const member = await createUser(t);
      const bystander = await createUser(t);
      await request(t.url)
        .post(`/api/organisations/${org.id}/members`)
        .set('Authorization', member.auth)
        .send({})
        .expect(204);
      const joined = await t.app.get(PrincipalResolver).fromToken(member.token);
      expect(joined).toMatchObject({ organisationId: org.id, isFocalPoint: false });

      const path = `/api/organisations/${org.id}/members/${member.user.id}`;
      // A plain member, a stranger and the member themselves may not.
      const refused = await request(t.url)
        .patch(path)
        .set('Authorization', bystander.auth)
        .send({ focalPoint: true })
        .expect(403);
      expect(refused.body.message).toMatch(/secretariat or the organisation’s admin/);
      await request(t.url)
        .patch(path)
        .set('Authorization', member.auth)
        .send({ focalPoint: true })
        .expect(403);
      await request(t.url)
        .patch(path)
        .set('Authorization', admin.auth)
        .send({ focalPoint: true })
        .expect(403);

      await request(t.url)
        .patch(path)
        .set('Authorization', orgAdmin.auth)
        .send({ focalPoint: true })
        .expect(200);
      expect(await t.app.get(PrincipalResolver).fromToken(member.token)).toMatchObject({
        isFocalPoint: true,
      });
      await request(t.url)
        .patch(path)
        .set('Authorization', secretariat.auth)
        .send({ focalPoint: false })
        .expect(200);
      expect(await t.app.get(PrincipalResolver).fromToken(member.token)).toMatchObject({
        isFocalPoint: false,
      });
      expect(await auditCount('organisation.member_updated')).toBeGreaterThanOrEqual(2);

      // Someone outside the organisation cannot be made its focal point.
      await request(t.url)
        .patch(`/api/organisations/${org.id}/members/${bystander.user.id}`)
        .set('Authorization', orgAdmin.auth)
        .send({ focalPoint: true })
        .expect(404);
      const members = await request(t.url)
        .get(`/api/organisations/${org.id}/members`)
        .set('Authorization', member.auth)
        .expect(200);
      expect(members.body.map((m: { userId: string }) => m.userId).sort()).toEqual(
        [orgAdmin.user.id, member.user.id].sort(),
      );
      await request(t.url)
        .get(`/api/organisations/${org.id}/members`)
        .set('Authorization', bystander.auth)
        .expect(403);
    });

    it('lets a member leave, losing the organisation’s voice', async () => {
      const org = await createOrganisation(t, { verified: true });
      const focal = await createUser(t, { organisationId: org.id, isFocalPoint: true });
      await request(t.url)
        .delete(`/api/organisations/${org.id}/members/${focal.user.id}`)
        .set('Authorization', focal.auth)
        .expect(204);
      expect(await t.app.get(PrincipalResolver).fromToken(focal.token)).toMatchObject({
        organisationId: null,
        isFocalPoint: false,
      });
    });
  });
});
