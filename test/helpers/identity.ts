import { createHmac } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/events.js';
import type { TestApp } from './test-app.js';

const b64url = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** Builds a JWT by hand, so tests can forge what an attacker would: other secrets, `alg: none`, old `exp`. */
export function craftToken(
  payload: Record<string, unknown>,
  opts: { secret?: string; alg?: 'HS256' | 'none'; header?: Record<string, unknown> } = {},
): string {
  const alg = opts.alg ?? 'HS256';
  const head = b64url({ alg, typ: 'JWT', ...opts.header });
  // Our issuer and audience unless the test says otherwise, so each case forges exactly one thing.
  const body = b64url({ iss: 'consulta', aud: 'consulta:access', ...payload });
  if (alg === 'none') return `${head}.${body}.`;
  const sig = createHmac('sha256', opts.secret ?? process.env.JWT_SECRET!)
    .update(`${head}.${body}`)
    .digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** The claims of a token (no verification: tests read what the server issued). */
export const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    sub: string;
    sid: string;
    exp: number;
  };

/** A socket.io client as a browser or API client would open it; resolves once connected, rejects on refusal. */
export function connectSocket(
  t: TestApp,
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<Socket> {
  const socket = io(t.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: opts.headers,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Emits and waits for the acknowledgement. */
export function emitAck<T = unknown>(socket: Socket, event: string, body: unknown): Promise<Ack<T>> {
  return socket.timeout(5000).emitWithAck(event, body) as Promise<Ack<T>>;
}

/** The session cookie header of a signed-in user, as a browser would send it. */
export const cookieOf = (accessToken: string) => `consulta_at=${accessToken}`;
