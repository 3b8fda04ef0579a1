import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** A real deployment needs no demo data: ADMIN_EMAIL and ADMIN_PASSWORD create the platform administrator. */
describe('First administrator from the environment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { ADMIN_EMAIL: 'Admin@Example.org', ADMIN_PASSWORD: 'a very long admin password' },
    });
  });
  afterAll(() => t?.close());

  it('exists at start-up and signs in as the platform admin', async () => {
    const login = await request(t.url)
      .post('/api/auth/login')
      .send({ email: 'admin@example.org', password: 'a very long admin password' })
      .expect(200);
    const me = await request(t.url)
      .get('/api/me')
      .set('authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ email: 'admin@example.org', platformRole: 'admin' });
  });

  it('is created once, and no demo data comes with it', async () => {
    const admins: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM users WHERE platform_role = 'admin'`,
    );
    expect(admins[0].n).toBe(1);
    const consultations = await request(t.url).get('/api/consultations').expect(200);
    expect(consultations.body).toEqual([]);
  });
});
