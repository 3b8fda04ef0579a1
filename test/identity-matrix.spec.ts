import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS } from '../shared/events.js';
import {
  type SignedInUser,
  createConsultation,
  createOrganisation,
  createRound,
  createUser,
  grantRole,
} from './helpers/factories.js';
import { connectSocket, emitAck } from './helpers/identity.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The routes that exist, walked for every kind of principal, over HTTP and socket.io. ✓ = succeeds (2xx or
 * ok ack); 401 / 403 = refused with that status and a message. P is a public consultation, R a restricted
 * one; OBS, PART and CHAIR hold their role in both.
 */
const KINDS = ['ANON', 'AUTH', 'OBS', 'PART', 'CHAIR', 'SEC', 'ADMIN'] as const;
type Kind = (typeof KINDS)[number];

const MATRIX = `
  door                              ANON  AUTH  OBS   PART  CHAIR SEC   ADMIN
  GET    /consultations/P           ✓     ✓     ✓     ✓     ✓     ✓     ✓
  GET    /consultations/R           401   403   ✓     ✓     ✓     ✓     403
  GET    /consultations/R/roles     401   403   403   403   403   ✓     403
  PUT    /consultations/P/roles/X   401   403   403   403   403   ✓     403
  POST   /organisations/O/verify    401   403   403   403   403   ✓     403
  GET    /users                     401   403   403   403   403   ✓     ✓
  PATCH  /users/X                   401   403   403   403   403   403   ✓
  GET    /me                        401   ✓     ✓     ✓     ✓     ✓     ✓
  SOCKET subscribe:P                ✓     ✓     ✓     ✓     ✓     ✓     ✓
  SOCKET subscribe:R                401   403   ✓     ✓     ✓     ✓     403
`;

describe('Identity: every door for every principal', () => {
  let t: TestApp;
  const users = {} as Record<Exclude<Kind, 'ANON'>, SignedInUser>;
  const ids = { P: '', R: '', O: '', X: '' };

  beforeAll(async () => {
    t = await createTestApp();
    ids.P = (await createConsultation(t, { visibility: 'public' })).consultation.id;
    ids.R = (await createConsultation(t, { visibility: 'restricted' })).consultation.id;
    await createRound(t, ids.P);
    await createRound(t, ids.R);
    ids.O = (await createOrganisation(t, { verified: false })).id;
    ids.X = (await createUser(t, { displayName: 'Target Person' })).user.id;
    users.AUTH = await createUser(t);
    users.SEC = await createUser(t, { platformRole: 'secretariat' });
    users.ADMIN = await createUser(t, { platformRole: 'admin' });
    for (const [kind, role] of [
      ['OBS', 'observer'],
      ['PART', 'participant'],
      ['CHAIR', 'chair'],
    ] as const) {
      users[kind] = await createUser(t);
      for (const c of [ids.P, ids.R]) await grantRole(t, c, users[kind].user.id, role);
    }
  });
  afterAll(() => t?.close());

  const bodies: Record<string, object> = {
    'PUT /consultations/P/roles/X': { role: 'observer' },
    'POST /organisations/O/verify': { verified: false },
    'PATCH /users/X': { disabled: false },
  };

  /** Calls one door as one kind of principal; answers the status, or 200 for an ok ack. */
  async function knock(door: string, kind: Kind): Promise<{ status: number; message?: string }> {
    const token = kind === 'ANON' ? undefined : users[kind].token;
    if (door.startsWith('SOCKET')) {
      const socket = await connectSocket(t, { token });
      try {
        const ack = await emitAck(socket, CLIENT_EVENTS.SUBSCRIBE, {
          consultationId: ids[door.slice(-1) as 'P'],
        });
        return ack.ok ? { status: 200 } : { status: ack.error.statusCode, message: ack.error.message };
      } finally {
        socket.close();
      }
    }
    const [method, template] = door.split(/\s+/);
    const path = template.replace(/\b([PROX])\b/g, (k) => ids[k as keyof typeof ids]);
    let req = request(t.url)[method.toLowerCase() as 'get'](`/api${path}`);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    const body = bodies[`${method} ${template}`];
    const res = await (body ? req.send(body) : req);
    return { status: res.status, message: res.body?.message };
  }

  const rows = MATRIX.trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return { door: `${cells[0]} ${cells[1]}`, expected: cells.slice(2) };
    });

  for (const kind of KINDS) {
    it(`answers ${kind} at every door as the table says, with a message on each refusal`, async () => {
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const { door, expected } of rows) {
        const { status, message } = await knock(door, kind);
        got[door] = status >= 200 && status < 300 ? '✓' : String(status);
        want[door] = expected[KINDS.indexOf(kind)];
        if (status >= 400) expect(message, `${kind} ${door}`).toMatch(/\w+ \w+ \w+/);
      }
      expect(got).toEqual(want);
    });
  }
});
