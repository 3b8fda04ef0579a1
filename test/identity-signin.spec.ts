import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalResolver } from '../server/modules/auth/principal.resolver.js';
import { Session } from '../server/modules/auth/session.entity.js';
import { User } from '../server/modules/users/user.entity.js';
import { PASSWORD, createUser } from './helpers/factories.js';
import { claimsOf, craftToken } from './helpers/identity.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Sign-in, its throttling, and every malformed credential or input a client can send. */
describe('Identity: sign-in and bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_FAILURES_PER_ADDRESS: '8' },
    });
  });
  afterAll(() => t?.close());

  // The app trusts loopback proxies, so a test may say which client address it stands for.
  const login = (body: object, address = '203.0.113.1') =>
    request(t.url).post('/api/auth/login').set('X-Forwarded-For', address).send(body);

  describe('sign-in input', () => {
    it('answers a sign-in with missing or ill-typed fields with a 400 naming them, not a bare 401', async () => {
      const missing = await login({ email: 'someone@example.org' }, '203.0.113.50').expect(400);
      expect(missing.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/password/),
      });
      const typed = await login({ email: 42, password: ['x'] }, '203.0.113.50').expect(400);
      expect(typed.body.message).toMatch(/email/);
      const extra = await login(
        { email: 'a@example.org', password: 'x', admin: true },
        '203.0.113.50',
      ).expect(400);
      expect(extra.body.message).toMatch(/unknown field: admin/);
    });

    it('names each field at fault and the rule it broke, so a form can mark it in any language', async () => {
      const empty = await login({ email: ' ', password: '' }, '203.0.113.51').expect(400);
      expect(empty.body.fields).toEqual([
        { field: 'email', rule: 'required', message: 'is required' },
        { field: 'password', rule: 'required', message: 'is required' },
      ]);
      const signUp = await request(t.url)
        .post('/api/auth/register')
        .set('X-Forwarded-For', '203.0.113.52')
        .send({ email: 'not-an-address', displayName: 'Amina', password: 'short' })
        .expect(400);
      expect(signUp.body.fields).toEqual([
        { field: 'email', rule: 'format', message: 'must be a valid email address' },
        { field: 'password', rule: 'too_short', limit: 10, message: 'must be at least 10 characters' },
      ]);
    });

    it('gives an unknown email and a wrong password the same answer', async () => {
      const { user } = await createUser(t);
      const wrong = await login({ email: user.email, password: 'not the password' }, '203.0.113.51').expect(
        401,
      );
      const unknown = await login(
        { email: 'nobody-here@example.org', password: 'whatever1' },
        '203.0.113.51',
      ).expect(401);
      expect(wrong.body.message).toBe('Email or password is incorrect');
      expect(unknown.body.message).toBe(wrong.body.message);
    });
  });

  describe('throttling', () => {
    it('locks an account after 5 failures, even for the right password, and says when to retry', async () => {
      const { user } = await createUser(t);
      for (let i = 0; i < 5; i++) {
        // A different address each time: the account counter alone must stop this.
        await login({ email: user.email, password: `wrong-${i}-password` }, `198.51.100.${i + 1}`).expect(
          401,
        );
      }
      const locked = await login({ email: user.email, password: PASSWORD }, '198.51.100.99').expect(429);
      expect(locked.body).toMatchObject({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/Too many failed sign-in attempts\. Wait \d+ minutes/),
      });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(await t.db.getRepository(Session).countBy({ userId: user.id })).toBe(1); // only the factory's
    });

    it('throttles an unknown email exactly like a known one, so a 429 reveals nothing', async () => {
      const { user } = await createUser(t);
      const answers: Record<string, number[]> = { known: [], unknown: [] };
      for (const [kind, email] of [
        ['known', user.email],
        ['unknown', `ghost-${Date.now()}@example.org`],
      ] as const) {
        for (let i = 0; i < 6; i++) {
          const res = await login({ email, password: `guess-${i}-password` }, `192.0.2.${i + 10}`);
          answers[kind].push(res.status);
        }
      }
      expect(answers.known).toEqual([401, 401, 401, 401, 401, 429]);
      expect(answers.unknown).toEqual(answers.known);
    });

    it('limits failures per address across accounts, and other addresses still sign in', async () => {
      const address = '203.0.113.77';
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) {
        const res = await login({ email: `spray-${i}@example.org`, password: 'Summer2026!' }, address);
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
      const { user } = await createUser(t);
      await login({ email: user.email, password: PASSWORD }, address).expect(429);
      await login({ email: user.email, password: PASSWORD }, '203.0.113.78').expect(200);
    });

    it('counts an IPv6 /64 as one address (its holder has 2^64 of them), and IPv4 however it is written', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) {
        // Each attempt from another address of the same /64.
        const res = await login(
          { email: `v6-${i}@example.org`, password: 'Summer2026!' },
          `2001:db8:7:1::${i + 1}`,
        );
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
      const { user } = await createUser(t);
      await login({ email: user.email, password: PASSWORD }, '2001:db8:7:1:ffff:ffff:ffff:ffff').expect(429);
      // The next /64 is someone else.
      await login({ email: user.email, password: PASSWORD }, '2001:db8:7:2::1').expect(200);

      for (let i = 0; i < 4; i++) {
        await login({ email: `v4-${i}@example.org`, password: 'Summer2026!' }, '198.51.100.200').expect(401);
        await login(
          { email: `v4m-${i}@example.org`, password: 'Summer2026!' },
          '::ffff:198.51.100.200',
        ).expect(401);
      }
      await login({ email: user.email, password: PASSWORD }, '198.51.100.200').expect(429);
    });

    it('does not count successful sign-ins against an address (many people behind one office address)', async () => {
      const users = await Promise.all(Array.from({ length: 10 }, () => createUser(t)));
      for (const { user } of users) {
        await login({ email: user.email, password: PASSWORD }, '203.0.113.90').expect(200);
      }
    });
  });

  describe('registration input', () => {
    const valid = () => ({
      email: `new-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`,
      displayName: 'New Stakeholder',
      password: 'a long enough password',
    });

    it.each([
      ['a malformed email', { email: 'not-an-email' }, /email: must be a valid email address/],
      ['an over-long name', { displayName: 'x'.repeat(101) }, /displayName: must be at most 100 characters/],
      ['markup in the name', { displayName: '<script>' }, /displayName: must not contain/],
      ['a short password', { password: 'short' }, /password: must be at least 10 characters/],
      ['an unknown field', { platformRole: 'admin' }, /unknown field: platformRole/],
      ['a bad country', { country: 'France' }, /country: must be an ISO 3166-1/],
    ])('refuses %s with a 400 that says what to fix, creating nothing', async (_name, change, message) => {
      const before = await t.db.getRepository(User).count();
      const res = await request(t.url)
        .post('/api/auth/register')
        .send({ ...valid(), ...change })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
      expect(await t.db.getRepository(User).count()).toBe(before);
    });

    it('refuses a second account with the same email (any case) with a 409 and keeps one row', async () => {
      const body = valid();
      await request(t.url).post('/api/auth/register').send(body).expect(201);
      const again = await request(t.url)
        .post('/api/auth/register')
        .send({ ...body, email: body.email.toUpperCase() })
        .expect(409);
      expect(again.body.message).toMatch(/already exists/);
      expect(await t.db.getRepository(User).countBy({ email: body.email })).toBe(1);
    });

    it('counts "this email has an account" answers against the address, so it cannot be asked for a list of emails', async () => {
      const { user } = await createUser(t);
      const register = (email: string, address: string) =>
        request(t.url)
          .post('/api/auth/register')
          .set('X-Forwarded-For', address)
          .send({ ...valid(), email });
      const address = '203.0.113.120';
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) statuses.push((await register(user.email, address)).status);
      // The address limit of this file is 8 failures.
      expect(statuses).toEqual([409, 409, 409, 409, 409, 409, 409, 409, 429]);
      const refused = await register(valid().email, address).expect(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.body.message).toMatch(
        /Too many attempts from this address\. Wait \d+ minutes? and try again\./,
      );
      // Sent all at once from a fresh address, as many "taken" answers as the limit, no more.
      const burst = await Promise.all(
        Array.from({ length: 12 }, () => register(user.email, '203.0.113.123')),
      );
      const counts = burst.reduce<Record<number, number>>(
        (n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }),
        {},
      );
      expect(counts).toEqual({ 409: 8, 429: 4 });
      // Nobody else is held up, and the owner of the email still signs in.
      await register(user.email, '203.0.113.121').expect(409);
      await register(valid().email, '203.0.113.121').expect(201);
      await login({ email: user.email, password: PASSWORD }, '203.0.113.122').expect(200);
    });
  });

  describe('tokens', () => {
    it.each([
      [
        'alg none',
        (c: { sub: string; sid: string }) => craftToken({ ...c, exp: nowS() + 600 }, { alg: 'none' }),
      ],
      [
        'another secret',
        (c: { sub: string; sid: string }) =>
          craftToken({ ...c, exp: nowS() + 600 }, { secret: 'x'.repeat(40) }),
      ],
      [
        'an expired exp',
        (c: { sub: string; sid: string }) => craftToken({ ...c, iat: nowS() - 7200, exp: nowS() - 3600 }),
      ],
      [
        'a payload changed under the signature',
        (c: { sub: string; sid: string }, real: string) => {
          const [h, , s] = real.split('.');
          const forged = Buffer.from(
            JSON.stringify({ ...c, sub: '00000000-0000-4000-8000-000000000000' }),
          ).toString('base64url');
          return `${h}.${forged}.${s}`;
        },
      ],
      [
        'an RS256 header',
        (c: { sub: string; sid: string }) =>
          craftToken({ ...c, exp: nowS() + 600 }, { header: { alg: 'RS256' } }),
      ],
      ['garbage', () => 'not.a.token'],
      [
        'another audience (a token minted for something else)',
        (c: { sub: string; sid: string }) =>
          craftToken({ ...c, aud: 'consulta:collab-ticket', exp: nowS() + 600 }),
      ],
      [
        'another issuer',
        (c: { sub: string; sid: string }) => craftToken({ ...c, iss: 'elsewhere', exp: nowS() + 600 }),
      ],
      [
        'no audience at all',
        (c: { sub: string; sid: string }) => craftToken({ ...c, aud: undefined, exp: nowS() + 600 }),
      ],
      [
        'nbf in the future',
        (c: { sub: string; sid: string }) => craftToken({ ...c, nbf: nowS() + 600, exp: nowS() + 1200 }),
      ],
    ])('refuses a token with %s: 401 with a generic message', async (_name, make) => {
      const { token } = await createUser(t);
      const forged = make(claimsOf(token), token);
      const res = await request(t.url).get('/api/me').set('Authorization', `Bearer ${forged}`).expect(401);
      expect(res.body).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: expect.stringMatching(/sign in again/),
      });
      // The same forged token in the cookie gets the same answer.
      await request(t.url).get('/api/me').set('Cookie', `consulta_at=${forged}`).expect(401);
    });

    it('rotates refresh tokens; a used one replayed later ends the whole session', async () => {
      const { refreshToken: first } = await createUser(t);
      const rotated = await request(t.url)
        .post('/api/auth/refresh')
        .send({ refreshToken: first })
        .expect(200);
      expect(rotated.body.refreshToken).not.toBe(first);
      // Within the grace period (two tabs racing), the old token is merely refused.
      await request(t.url).post('/api/auth/refresh').send({ refreshToken: first }).expect(401);
      const fresh = `Bearer ${rotated.body.accessToken}`;
      await request(t.url).get('/api/me').set('Authorization', fresh).expect(200);
      // Later, the same replay means a stolen copy: the session ends for everyone holding it.
      const sessionId = first.split('.')[0];
      await t.db.query(`UPDATE sessions SET rotated_at = now() - interval '1 minute' WHERE id = $1`, [
        sessionId,
      ]);
      await request(t.url).post('/api/auth/refresh').send({ refreshToken: first }).expect(401);
      await request(t.url).get('/api/me').set('Authorization', fresh).expect(401);
      await request(t.url)
        .post('/api/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(401);
    });

    it('never accepts an access token from the URL (it would end up in logs and histories)', async () => {
      const { token } = await createUser(t);
      for (const name of ['token', 'access_token', 'auth']) {
        await request(t.url).get(`/api/me?${name}=${token}`).expect(401);
      }
    });

    it('accepts a well-signed token only while its session lives (a signed token for a revoked session fails)', async () => {
      const { token, user } = await createUser(t);
      const { sid } = claimsOf(token);
      await request(t.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
      const copy = craftToken({ sub: user.id, sid, exp: nowS() + 600 });
      await request(t.url).get('/api/me').set('Authorization', `Bearer ${copy}`).expect(200);
      await request(t.url).post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
      await request(t.url).get('/api/me').set('Authorization', `Bearer ${copy}`).expect(401);
      await expect(t.app.get(PrincipalResolver).fromToken(copy)).rejects.toMatchObject({ status: 401 });
    });
  });
});

const nowS = () => Math.floor(Date.now() / 1000);
