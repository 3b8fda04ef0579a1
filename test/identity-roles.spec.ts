import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../server/modules/audit/audit-event.entity.js';
import { ConsultationRoleGrant } from '../server/modules/consultations/consultation-role.entity.js';
import { User } from '../server/modules/users/user.entity.js';
import {
  PASSWORD,
  type SignedInUser,
  createConsultation,
  createRound,
  createUser,
  grantRole,
} from './helpers/factories.js';
import { cookieOf } from './helpers/identity.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Platform roles, consultation roles, password and cross-site refusal over HTTP, with the audit. */
describe('Identity over HTTP: roles and sessions', () => {
  let t: TestApp;
  let secretariat: SignedInUser;
  let otherSecretariat: SignedInUser;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    secretariat = await createUser(t, { platformRole: 'secretariat', displayName: 'Sec One' });
    otherSecretariat = await createUser(t, { platformRole: 'secretariat', displayName: 'Sec Two' });
    admin = await createUser(t, { platformRole: 'admin', displayName: 'Admin' });
  });
  afterAll(() => t?.close());

  const auditCount = (action: string) => t.db.getRepository(AuditEvent).countBy({ action });

  describe('platform roles (the admin)', () => {
    it('lets only the admin change a platform role, never their own, and audits it', async () => {
      const target = await createUser(t);
      const path = `/api/users/${target.user.id}`;
      await request(t.url).patch(path).send({ platformRole: 'secretariat' }).expect(401);
      const bySec = await request(t.url)
        .patch(path)
        .set('Authorization', secretariat.auth)
        .send({ platformRole: 'secretariat' })
        .expect(403);
      expect(bySec.body.message).toBe('Only a platform administrator manages accounts');
      // Nor can the secretariat raise itself: platform roles are the admin's alone.
      await request(t.url)
        .patch(`/api/users/${secretariat.user.id}`)
        .set('Authorization', secretariat.auth)
        .send({ platformRole: 'admin' })
        .expect(403);
      await request(t.url)
        .patch(path)
        .set('Authorization', target.auth)
        .send({ platformRole: 'admin' })
        .expect(403);
      const self = await request(t.url)
        .patch(`/api/users/${admin.user.id}`)
        .set('Authorization', admin.auth)
        .send({ disabled: true })
        .expect(403);
      expect(self.body.message).toMatch(/your own role or disable your own account/);
      await request(t.url)
        .patch(path)
        .set('Authorization', admin.auth)
        .send({ platformRole: 'root' })
        .expect(400);
      await request(t.url).patch(path).set('Authorization', admin.auth).send({}).expect(400);

      const before = await auditCount('account.role_changed');
      const ok = await request(t.url)
        .patch(path)
        .set('Authorization', admin.auth)
        .send({ platformRole: 'secretariat' })
        .expect(200);
      expect(ok.body).toMatchObject({ id: target.user.id, platformRole: 'secretariat', disabled: false });
      expect(await auditCount('account.role_changed')).toBe(before + 1);

      // At once: the same access token now carries the secretariat's rights, and loses them again.
      const { consultation } = await createConsultation(t, { visibility: 'restricted' });
      await request(t.url)
        .get(`/api/consultations/${consultation.id}`)
        .set('Authorization', target.auth)
        .expect(200);
      await request(t.url)
        .patch(path)
        .set('Authorization', admin.auth)
        .send({ platformRole: 'user' })
        .expect(200);
      await request(t.url)
        .get(`/api/consultations/${consultation.id}`)
        .set('Authorization', target.auth)
        .expect(403);
    });

    it('disables an account at once: its tokens are refused and it cannot sign in', async () => {
      const target = await createUser(t);
      await request(t.url)
        .patch(`/api/users/${target.user.id}`)
        .set('Authorization', admin.auth)
        .send({ disabled: true })
        .expect(200);
      await request(t.url).get('/api/me').set('Authorization', target.auth).expect(401);
      await request(t.url).post('/api/auth/refresh').send({ refreshToken: target.refreshToken }).expect(401);
      const login = await request(t.url)
        .post('/api/auth/login')
        .send({ email: target.user.email, password: PASSWORD })
        .expect(401);
      expect(login.body.message).toBe('Email or password is incorrect');
      await request(t.url)
        .patch(`/api/users/${target.user.id}`)
        .set('Authorization', admin.auth)
        .send({ disabled: false })
        .expect(200);
      await request(t.url)
        .post('/api/auth/login')
        .send({ email: target.user.email, password: PASSWORD })
        .expect(200);
    });

    it('lists accounts to the admin and the secretariat only', async () => {
      const someone = await createUser(t, { displayName: 'Findable Person' });
      const res = await request(t.url)
        .get('/api/users?q=findable')
        .set('Authorization', secretariat.auth)
        .expect(200);
      expect(res.body.map((u: { id: string }) => u.id)).toEqual([someone.user.id]);
      await request(t.url).get('/api/users').set('Authorization', admin.auth).expect(200);
      await request(t.url).get('/api/users').set('Authorization', someone.auth).expect(403);
      await request(t.url).get('/api/users').expect(401);
      await request(t.url).get('/api/users?role=admin').set('Authorization', admin.auth).expect(400);
    });
  });

  describe('consultation roles (the secretariat)', () => {
    it('grants, reads and removes roles; refuses everyone else; audits each change', async () => {
      const { consultation } = await createConsultation(t, { visibility: 'restricted' });
      await createRound(t, consultation.id);
      const person = await createUser(t);
      const chair = await createUser(t);
      await grantRole(t, consultation.id, chair.user.id, 'chair');
      const path = `/api/consultations/${consultation.id}/roles/${person.user.id}`;

      // Restricted: not enrolled yet.
      const before = await request(t.url)
        .get(`/api/consultations/${consultation.id}`)
        .set('Authorization', person.auth)
        .expect(403);
      expect(before.body.message).toBe('This consultation is restricted to enrolled participants');
      await request(t.url).get(`/api/consultations/${consultation.id}`).expect(401);

      await request(t.url).put(path).send({ role: 'observer' }).expect(401);
      // The chair is enrolled but is no secretariat; the others are not even let in to the restricted consultation.
      for (const [who, message] of [
        [chair, 'Only the secretariat manages roles in a consultation'],
        [person, 'This consultation is restricted to enrolled participants'],
        [admin, 'This consultation is restricted to enrolled participants'],
      ] as const) {
        const res = await request(t.url)
          .put(path)
          .set('Authorization', who.auth)
          .send({ role: 'observer' })
          .expect(403);
        expect(res.body.message).toBe(message);
      }
      const granted = await request(t.url)
        .put(path)
        .set('Authorization', secretariat.auth)
        .send({ role: 'observer' })
        .expect(200);
      expect(granted.body).toMatchObject({ userId: person.user.id, role: 'observer' });
      await request(t.url)
        .get(`/api/consultations/${consultation.id}`)
        .set('Authorization', person.auth)
        .expect(200);

      await request(t.url)
        .put(path)
        .set('Authorization', secretariat.auth)
        .send({ role: 'participant' })
        .expect(200);
      const read = await request(t.url).get(path).set('Authorization', otherSecretariat.auth).expect(200);
      expect(read.body.role).toBe('participant');
      const list = await request(t.url)
        .get(`/api/consultations/${consultation.id}/roles`)
        .set('Authorization', secretariat.auth)
        .expect(200);
      expect(list.body.map((r: { userId: string; role: string }) => [r.userId, r.role]).sort()).toEqual(
        [
          [chair.user.id, 'chair'],
          [person.user.id, 'participant'],
        ].sort(),
      );

      await request(t.url)
        .put(path)
        .set('Authorization', secretariat.auth)
        .send({ role: 'secretariat' })
        .expect(400);
      await request(t.url)
        .put(path)
        .set('Authorization', secretariat.auth)
        .send({ role: 'chair', extra: 1 })
        .expect(400);

      await request(t.url).delete(path).set('Authorization', secretariat.auth).expect(204);
      await request(t.url).get(path).set('Authorization', secretariat.auth).expect(404);
      // The very token that read it a moment ago is now refused.
      await request(t.url)
        .get(`/api/consultations/${consultation.id}`)
        .set('Authorization', person.auth)
        .expect(403);

      const audit = await t.db.getRepository(AuditEvent).find({
        where: { consultationId: consultation.id },
        order: { id: 'ASC' },
      });
      expect(audit.map((e) => [e.action, e.payload.role ?? null, e.payload.previous ?? null])).toEqual([
        ['role.granted', 'observer', null],
        ['role.granted', 'participant', 'observer'],
        ['role.revoked', null, 'participant'],
      ]);
      expect(audit.every((e) => e.actorId === secretariat.user.id)).toBe(true);
    });

    it('refuses the secretariat a change of its own role, and unknown people or consultations', async () => {
      const { consultation } = await createConsultation(t);
      const self = await request(t.url)
        .put(`/api/consultations/${consultation.id}/roles/${secretariat.user.id}`)
        .set('Authorization', secretariat.auth)
        .send({ role: 'chair' })
        .expect(403);
      expect(self.body.message).toMatch(/your own role; ask another member of the secretariat/);
      await request(t.url)
        .put(`/api/consultations/${consultation.id}/roles/${secretariat.user.id}`)
        .set('Authorization', otherSecretariat.auth)
        .send({ role: 'chair' })
        .expect(200);
      await request(t.url)
        .put(`/api/consultations/${consultation.id}/roles/00000000-0000-4000-8000-000000000000`)
        .set('Authorization', secretariat.auth)
        .send({ role: 'chair' })
        .expect(404);
      await request(t.url)
        .put(`/api/consultations/00000000-0000-4000-8000-000000000000/roles/${admin.user.id}`)
        .set('Authorization', secretariat.auth)
        .send({ role: 'chair' })
        .expect(404);
      await request(t.url)
        .put(`/api/consultations/not-a-uuid/roles/${admin.user.id}`)
        .set('Authorization', secretariat.auth)
        .send({ role: 'chair' })
        .expect(400);
      expect(
        await t.db.getRepository(ConsultationRoleGrant).countBy({ consultationId: consultation.id }),
      ).toBe(1);
    });
  });

  describe('password', () => {
    it('changes the password only with the current one, and ends the other sessions', async () => {
      const a = await createUser(t);
      const other = await request(t.url)
        .post('/api/auth/login')
        .send({ email: a.user.email, password: PASSWORD })
        .expect(200);
      const wrong = await request(t.url)
        .post('/api/auth/password')
        .set('Authorization', a.auth)
        .send({ currentPassword: 'not it at all', newPassword: 'a brand new passphrase' })
        .expect(400);
      expect(wrong.body.message).toMatch(/current password is incorrect/);
      await request(t.url)
        .post('/api/auth/password')
        .send({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })
        .expect(401);
      await request(t.url)
        .post('/api/auth/password')
        .set('Authorization', a.auth)
        .send({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })
        .expect(204);
      await request(t.url)
        .get('/api/me')
        .set('Authorization', `Bearer ${other.body.accessToken}`)
        .expect(401);
      await request(t.url).get('/api/me').set('Authorization', a.auth).expect(200);
    });
  });

  describe('cross-site requests with the session cookie', () => {
    it('refuses a state-changing cookie request from another origin with a 403 that says why', async () => {
      const a = await createUser(t);
      const res = await request(t.url)
        .post('/api/auth/logout')
        .set('Cookie', cookieOf(a.token))
        .set('Origin', 'https://evil.example')
        .expect(403);
      expect(res.body.message).toMatch(/came from another site and may not use your Consulta session/);
      await request(t.url)
        .patch('/api/me')
        .set('Cookie', cookieOf(a.token))
        .set('Origin', 'null')
        .send({ displayName: 'Pwned' })
        .expect(403);
      await request(t.url)
        .patch('/api/me')
        .set('Cookie', cookieOf(a.token))
        .set('Sec-Fetch-Site', 'cross-site')
        .send({ displayName: 'Pwned' })
        .expect(403);
      await request(t.url)
        .post('/api/auth/refresh')
        .set('Cookie', `consulta_rt=${a.refreshToken}`)
        .set('Origin', 'https://evil.example')
        .send({})
        .expect(403);
      expect((await t.db.getRepository(User).findOneByOrFail({ id: a.user.id })).displayName).toBe(
        a.user.displayName,
      );
      await request(t.url).get('/api/me').set('Authorization', a.auth).expect(200);
    });

    it('accepts the same request from our own origin, and bearer tokens from anywhere', async () => {
      const a = await createUser(t);
      await request(t.url)
        .patch('/api/me')
        .set('Cookie', cookieOf(a.token))
        .set('Origin', t.url)
        .send({ displayName: 'Same Site' })
        .expect(200);
      await request(t.url)
        .patch('/api/me')
        .set('Cookie', cookieOf(a.token))
        .set('Sec-Fetch-Site', 'same-origin')
        .send({ displayName: 'No Origin' })
        .expect(200);
      await request(t.url)
        .patch('/api/me')
        .set('Authorization', a.auth)
        .set('Origin', 'https://tool.example')
        .send({ displayName: 'Bearer' })
        .expect(200);
      await request(t.url)
        .post('/api/auth/logout')
        .set('Cookie', cookieOf(a.token))
        .set('Origin', t.url)
        .expect(204);
    });
  });
});
