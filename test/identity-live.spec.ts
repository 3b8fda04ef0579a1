import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLIENT_EVENTS, SERVER_EVENTS, consultationRoom } from '../shared/events.js';
import { REFRESH_COOKIE } from '../server/modules/auth/principal.resolver.js';
import { LIVE_EVENT, LiveEvent } from '../server/modules/realtime/live-event.js';
import {
  PASSWORD,
  type SignedInUser,
  createConsultation,
  createUser,
  grantRole,
} from './helpers/factories.js';
import { claimsOf, connectSocket, cookieOf, craftToken, emitAck } from './helpers/identity.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * socket.io under the identity rules: who may subscribe, forged handshakes, cross-site handshakes, and live
 * revocation (sign-out, password change, role removal, demotion, disabling) within a second.
 */
describe('Identity on socket.io', () => {
  let t: TestApp;
  let secretariat: SignedInUser;
  let admin: SignedInUser;
  let publicId: string;
  let restrictedId: string;
  const open: Socket[] = [];
  const track = (s: Socket) => (open.push(s), s);

  beforeAll(async () => {
    t = await createTestApp();
    secretariat = await createUser(t, { platformRole: 'secretariat' });
    admin = await createUser(t, { platformRole: 'admin' });
    publicId = (await createConsultation(t, { visibility: 'public' })).consultation.id;
    restrictedId = (await createConsultation(t, { visibility: 'restricted' })).consultation.id;
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(() => t?.close());

  const subscribe = (s: Socket, consultationId: string) =>
    emitAck(s, CLIENT_EVENTS.SUBSCRIBE, { consultationId });

  /** Emits a probe event into a consultation's room and collects who got it. */
  function probe(consultationId: string) {
    t.app
      .get(EventEmitter2)
      .emit(LIVE_EVENT, new LiveEvent(consultationRoom(consultationId), 'probe', { at: Date.now() }));
  }
  const received = (s: Socket, event: string) => {
    const got: unknown[] = [];
    s.on(event, (p: unknown) => got.push(p));
    return got;
  };

  async function enrolled(role: 'observer' | 'participant' | 'chair') {
    const u = await createUser(t);
    await grantRole(t, restrictedId, u.user.id, role);
    return u;
  }

  describe('subscriptions follow the policy', () => {
    it.each([
      ['an anonymous reader', null, 'public', true, undefined],
      ['an anonymous reader', null, 'restricted', false, 401],
      ['a signed-in stranger', 'stranger', 'restricted', false, 403],
      ['the admin (no content rights)', 'admin', 'restricted', false, 403],
      ['an observer', 'observer', 'restricted', true, undefined],
      ['a participant', 'participant', 'restricted', true, undefined],
      ['a chair', 'chair', 'restricted', true, undefined],
      ['the secretariat', 'secretariat', 'restricted', true, undefined],
    ] as const)(
      '%s subscribing to a %s consultation: allowed=%s',
      async (_who, kind, visibility, ok, status) => {
        const token =
          kind === null
            ? undefined
            : kind === 'stranger'
              ? (await createUser(t)).token
              : kind === 'admin'
                ? admin.token
                : kind === 'secretariat'
                  ? secretariat.token
                  : (await enrolled(kind)).token;
        const s = track(await connectSocket(t, { token }));
        const ack = await subscribe(s, visibility === 'public' ? publicId : restrictedId);
        if (ok) {
          expect(ack).toEqual({ ok: true });
          const got = received(s, 'probe');
          probe(visibility === 'public' ? publicId : restrictedId);
          await vi.waitFor(() => expect(got).toHaveLength(1));
        } else {
          expect(ack).toMatchObject({
            ok: false,
            error: {
              statusCode: status,
              message:
                status === 401
                  ? 'Sign in to read this consultation'
                  : 'This consultation is restricted to enrolled participants',
            },
          });
        }
      },
    );

    it('refuses a malformed subscription with a clear 400', async () => {
      const s = track(await connectSocket(t));
      const ack = await subscribe(s, 'cons/../other');
      expect(ack).toMatchObject({
        ok: false,
        error: { statusCode: 400, message: expect.stringMatching(/consultationId/) },
      });
    });
  });

  describe('handshake credentials', () => {
    it.each([
      [
        'alg none',
        (c: { sub: string; sid: string }) => craftToken({ ...c, exp: nowS() + 600 }, { alg: 'none' }),
      ],
      [
        'another secret',
        (c: { sub: string; sid: string }) =>
          craftToken({ ...c, exp: nowS() + 600 }, { secret: 'k'.repeat(40) }),
      ],
      ['an expired token', (c: { sub: string; sid: string }) => craftToken({ ...c, exp: nowS() - 60 })],
    ])('refuses a handshake with %s', async (_name, make) => {
      const { token } = await createUser(t);
      await expect(connectSocket(t, { token: make(claimsOf(token)) })).rejects.toThrow('unauthorized');
    });

    it('refuses a cross-site handshake riding the session cookie, and accepts ours and bearer tokens', async () => {
      const u = await enrolled('observer');
      await expect(
        connectSocket(t, { headers: { cookie: cookieOf(u.token), origin: 'https://evil.example' } }),
      ).rejects.toThrow(/another site and may not use your Consulta session/);
      await expect(
        connectSocket(t, { headers: { cookie: cookieOf(u.token), origin: 'null' } }),
      ).rejects.toThrow(/another site/);

      // No Origin at all: no page of ours, so the cookie is not enough (a bearer token is).
      await expect(connectSocket(t, { headers: { cookie: cookieOf(u.token) } })).rejects.toThrow(
        /another site/,
      );
      const noOrigin = track(
        await connectSocket(t, { headers: { cookie: cookieOf(u.token), 'sec-fetch-site': 'same-origin' } }),
      );
      expect(await subscribe(noOrigin, restrictedId)).toEqual({ ok: true });

      const same = track(await connectSocket(t, { headers: { cookie: cookieOf(u.token), origin: t.url } }));
      expect(await subscribe(same, restrictedId)).toEqual({ ok: true });
      const bearer = track(
        await connectSocket(t, { token: u.token, headers: { origin: 'https://tool.example' } }),
      );
      expect(await subscribe(bearer, restrictedId)).toEqual({ ok: true });
    });
  });

  describe('revocation reaches open sockets within a second', () => {
    it('closes the socket of a session that signs out, and its token is refused afterwards', async () => {
      const u = await createUser(t);
      const s = track(await connectSocket(t, { token: u.token }));
      const ended = received(s, SERVER_EVENTS.SESSION_ENDED);
      const started = Date.now();
      await request(t.url).post('/api/auth/logout').set('Authorization', u.auth).expect(204);
      await vi.waitFor(() => expect(s.connected).toBe(false), { timeout: 1000, interval: 10 });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(ended).toHaveLength(1);
      await request(t.url).get('/api/me').set('Authorization', u.auth).expect(401);
      await expect(connectSocket(t, { token: u.token })).rejects.toThrow('unauthorized');
    });

    it('closes the socket of the session a browser leaves by signing in again, not the new session’s', async () => {
      const earlier = await createUser(t);
      const s = track(await connectSocket(t, { token: earlier.token }));
      const { user: other } = await createUser(t);
      const again = await request(t.url)
        .post('/api/auth/login')
        .set('Cookie', `${REFRESH_COOKIE}=${earlier.refreshToken}`)
        .send({ email: other.email, password: PASSWORD })
        .expect(200);
      await vi.waitFor(() => expect(s.connected).toBe(false), { timeout: 1000, interval: 10 });
      await request(t.url).get('/api/me').set('Authorization', earlier.auth).expect(401);
      const next = track(await connectSocket(t, { token: again.body.accessToken }));
      expect(next.connected).toBe(true);
    });

    it('closes the sockets of the other sessions after a password change, not the changer’s own', async () => {
      const u = await createUser(t);
      const second = await request(t.url)
        .post('/api/auth/login')
        .send({ email: u.user.email, password: PASSWORD })
        .expect(200);
      const mine = track(await connectSocket(t, { token: u.token }));
      const theirs = track(await connectSocket(t, { token: second.body.accessToken }));
      await request(t.url)
        .post('/api/auth/password')
        .set('Authorization', u.auth)
        .send({ currentPassword: PASSWORD, newPassword: 'another long passphrase' })
        .expect(204);
      await vi.waitFor(() => expect(theirs.connected).toBe(false), { timeout: 1000, interval: 10 });
      expect(mine.connected).toBe(true);
      await request(t.url)
        .get('/api/me')
        .set('Authorization', `Bearer ${second.body.accessToken}`)
        .expect(401);
    });

    it('unsubscribes a removed observer from the restricted consultation, leaving the socket open', async () => {
      const u = await enrolled('observer');
      const s = track(await connectSocket(t, { token: u.token }));
      const control = track(await connectSocket(t, { token: secretariat.token }));
      expect(await subscribe(s, restrictedId)).toEqual({ ok: true });
      expect(await subscribe(control, restrictedId)).toEqual({ ok: true });
      const changes = received(s, SERVER_EVENTS.ACCESS_CHANGED);
      const probes = received(s, 'probe');
      const controlProbes = received(control, 'probe');

      await request(t.url)
        .delete(`/api/consultations/${restrictedId}/roles/${u.user.id}`)
        .set('Authorization', secretariat.auth)
        .expect(204);
      await vi.waitFor(
        () => expect(changes).toEqual([{ consultationId: restrictedId, unsubscribed: [restrictedId] }]),
        {
          timeout: 1000,
          interval: 10,
        },
      );
      probe(restrictedId);
      await vi.waitFor(() => expect(controlProbes).toHaveLength(1));
      expect(probes).toHaveLength(0);
      expect(s.connected).toBe(true);
      // Asking again is refused, on the same socket and over HTTP with the same token.
      expect(await subscribe(s, restrictedId)).toMatchObject({ ok: false, error: { statusCode: 403 } });
      await request(t.url).get(`/api/consultations/${restrictedId}`).set('Authorization', u.auth).expect(403);
    });

    it('keeps a downgraded participant subscribed (observers still read) but tells the client', async () => {
      const u = await enrolled('participant');
      const s = track(await connectSocket(t, { token: u.token }));
      expect(await subscribe(s, restrictedId)).toEqual({ ok: true });
      const changes = received(s, SERVER_EVENTS.ACCESS_CHANGED);
      await request(t.url)
        .put(`/api/consultations/${restrictedId}/roles/${u.user.id}`)
        .set('Authorization', secretariat.auth)
        .send({ role: 'observer' })
        .expect(200);
      await vi.waitFor(() => expect(changes).toEqual([{ consultationId: restrictedId, unsubscribed: [] }]), {
        timeout: 1000,
      });
      const probes = received(s, 'probe');
      probe(restrictedId);
      await vi.waitFor(() => expect(probes).toHaveLength(1));
    });

    it('unsubscribes a demoted secretariat member from consultations they are not enrolled in', async () => {
      const sec = await createUser(t, { platformRole: 'secretariat' });
      const s = track(await connectSocket(t, { token: sec.token }));
      expect(await subscribe(s, restrictedId)).toEqual({ ok: true });
      expect(await subscribe(s, publicId)).toEqual({ ok: true });
      const changes = received(s, SERVER_EVENTS.ACCESS_CHANGED);
      await request(t.url)
        .patch(`/api/users/${sec.user.id}`)
        .set('Authorization', admin.auth)
        .send({ platformRole: 'user' })
        .expect(200);
      await vi.waitFor(
        () => expect(changes).toEqual([{ consultationId: null, unsubscribed: [restrictedId] }]),
        {
          timeout: 1000,
        },
      );
      const probes = received(s, 'probe');
      probe(publicId);
      probe(restrictedId);
      await vi.waitFor(() => expect(probes).toHaveLength(1));
    });

    it('closes every socket of a disabled account', async () => {
      const u = await createUser(t);
      const a = track(await connectSocket(t, { token: u.token }));
      const b = track(await connectSocket(t, { headers: { cookie: cookieOf(u.token), origin: t.url } }));
      await request(t.url)
        .patch(`/api/users/${u.user.id}`)
        .set('Authorization', admin.auth)
        .send({ disabled: true })
        .expect(200);
      await vi.waitFor(
        () => {
          expect(a.connected).toBe(false);
          expect(b.connected).toBe(false);
        },
        { timeout: 1000, interval: 10 },
      );
    });
  });
});

const nowS = () => Math.floor(Date.now() / 1000);
