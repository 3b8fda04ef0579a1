import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLIENT_EVENTS, SERVER_EVENTS } from '../shared/events.js';
import { PASSWORD, createConsultation, createUser, grantRole } from './helpers/factories.js';
import { connectSocket, emitAck } from './helpers/identity.js';
import { hasRedis } from './helpers/environment.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const REDIS_URL = process.env.REDIS_URL;

/** Two nodes behind one load balancer: throttling and live revocation hold across them (through Redis). */
// Top-level await is not available in these CommonJS-typed specs: Redis is probed once, and each test skips
// itself (with hasRedis' "NOT RUN" line, or a failure in CI) when it is missing.
describe('Identity across two nodes', () => {
  let a: TestApp;
  let b: TestApp;
  let redisUp = false;
  beforeAll(async () => {
    redisUp = await hasRedis();
    if (!redisUp) return;
    a = await createTestApp({ env: { REDIS_URL, LOGIN_MAX_FAILURES_PER_ACCOUNT: '4' } });
    b = await createTestApp({
      database: a.database,
      env: { REDIS_URL, LOGIN_MAX_FAILURES_PER_ACCOUNT: '4' },
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('counts failed sign-ins of one account on both nodes together', async (ctx) => {
    if (!redisUp) return ctx.skip();
    const { user } = await createUser(a);
    // Unique addresses per run: the Redis counters outlive the test databases.
    const address = () =>
      `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const node = i % 2 ? b : a;
      const res = await request(node.url)
        .post('/api/auth/login')
        .set('X-Forwarded-For', address())
        .send({ email: user.email, password: `wrong-${randomUUID()}` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    await request(a.url).post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(429);
  });

  it('unsubscribes a socket on node B when its role is removed through node A, within a second', async (ctx) => {
    if (!redisUp) return ctx.skip();
    const secretariat = await createUser(a, { platformRole: 'secretariat' });
    const { consultation } = await createConsultation(a, { visibility: 'restricted' });
    const observer = await createUser(a);
    await grantRole(a, consultation.id, observer.user.id, 'observer');
    const socket = await connectSocket(b, { token: observer.token });
    try {
      expect(await emitAck(socket, CLIENT_EVENTS.SUBSCRIBE, { consultationId: consultation.id })).toEqual({
        ok: true,
      });
      const changes: unknown[] = [];
      socket.on(SERVER_EVENTS.ACCESS_CHANGED, (p: unknown) => changes.push(p));
      await request(a.url)
        .delete(`/api/consultations/${consultation.id}/roles/${observer.user.id}`)
        .set('Authorization', secretariat.auth)
        .expect(204);
      await vi.waitFor(
        () => expect(changes).toEqual([{ consultationId: consultation.id, unsubscribed: [consultation.id] }]),
        { timeout: 1000, interval: 10 },
      );
    } finally {
      socket.close();
    }
  });

  it('closes a socket on node B when its session signs out on node A', async (ctx) => {
    if (!redisUp) return ctx.skip();
    const u = await createUser(a);
    const socket = await connectSocket(b, { token: u.token });
    try {
      await request(a.url).post('/api/auth/logout').set('Authorization', u.auth).expect(204);
      await vi.waitFor(() => expect(socket.connected).toBe(false), { timeout: 1000, interval: 10 });
    } finally {
      socket.close();
    }
  });
});
