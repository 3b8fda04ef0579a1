import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SERVER_EVENTS, consultationRoom } from '../shared/events.js';
import { EmailSender } from '../server/modules/notifications/email-sender.service.js';
import { LIVE_EVENT, LiveEvent } from '../server/modules/realtime/live-event.js';
import { ROUND_EVENTS, RoundClosed } from '../server/modules/rounds/round-events.js';
import { Round } from '../server/modules/rounds/round.entity.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { openThread } from './helpers/threads.js';

/** The smallest SMTP server that accepts mail: enough for nodemailer, keeps every message it received. */
function fakeSmtp(): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let data = false;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (data) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = false;
          socket.write('250 queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl === -1) return;
        const line = buffer.slice(0, nl).toUpperCase();
        buffer = buffer.slice(nl + 2);
        if (line.startsWith('EHLO')) socket.write('250-fake\r\n250 8BITMIME\r\n');
        else if (line.startsWith('DATA')) {
          data = true;
          socket.write('354 go on\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, messages }),
    ),
  );
}

describe('Notifications: round closing soon and closed, and the email outbox sent through SMTP', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  let alice: SignedInUser;
  let bob: SignedInUser;
  let round: Round;

  beforeAll(async () => {
    smtp = await fakeSmtp();
    t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
    alice = await createUser(t, { displayName: 'Alice' });
    bob = await createUser(t, { displayName: 'Bob' });
    const { consultation } = await createConsultation(t);
    round = await createRound(t, consultation.id);
    const thread = await openThread(t, alice.auth, round.id, {
      target: 'round',
      body: 'An opening remark.',
    }).expect(201);
    await request(t.url)
      .post(`/api/threads/${thread.body.id}/comments`)
      .set('Authorization', bob.auth)
      .send({ body: 'A reply for Alice.' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
    smtp?.server.close();
  });

  const kinds = async (who: SignedInUser) =>
    (
      (await request(t.url).get('/api/notifications').set('Authorization', who.auth).expect(200)).body
        .items as {
        kind: string;
      }[]
    ).map((n) => n.kind);

  it('gives each notification its kind and the parts of its line, beside the English text', async () => {
    const items = (
      await request(t.url).get('/api/notifications').set('Authorization', alice.auth).expect(200)
    ).body.items as { kind: string; text: string; params: Record<string, unknown> }[];
    expect(items.find((n) => n.kind === 'reply')).toMatchObject({
      text: 'Bob replied to your thread: A reply for Alice.',
      params: { actor: 'Bob', excerpt: 'A reply for Alice.' },
    });
  });

  it('tells everyone who wrote in the round that it closes soon, then that it closed', async () => {
    const events = t.app.get(EventEmitter2);
    events.emit(
      LIVE_EVENT,
      new LiveEvent(consultationRoom(round.consultationId), SERVER_EVENTS.ROUND_CLOSING_SOON, {
        round: { id: round.id },
        minutesLeft: 60,
      }),
    );
    await vi.waitFor(async () => expect(await kinds(bob)).toContain('round_closing_soon'));
    await t.db.getRepository(Round).update(round.id, { status: 'closed', closedAt: new Date() });
    events.emit(
      ROUND_EVENTS.CLOSED,
      new RoundClosed(await t.db.getRepository(Round).findOneByOrFail({ id: round.id })),
    );
    await vi.waitFor(async () => {
      expect(await kinds(alice)).toEqual(
        expect.arrayContaining(['reply', 'round_closing_soon', 'round_closed']),
      );
      const soon = (
        await request(t.url).get('/api/notifications').set('Authorization', bob.auth).expect(200)
      ).body.items.find((n: { kind: string }) => n.kind === 'round_closing_soon');
      expect(soon.params).toEqual({ roundNumber: round.number, minutesLeft: 60 });
      expect(await kinds(bob)).toEqual(expect.arrayContaining(['round_closing_soon', 'round_closed']));
    });
  });

  it('sends the outbox through SMTP when configured, once, and records when', async () => {
    const sent = await t.app.get(EmailSender).drain();
    expect(sent).toBe(5); // Alice: reply, closing soon, closed; Bob: closing soon, closed.
    expect(smtp.messages).toHaveLength(5);
    expect(smtp.messages.join('\n')).toContain(alice.user.email);
    expect(smtp.messages.join('\n')).toMatch(/Bob replied to your thread/);
    const rows: { sent_at: Date | null; attempts: number }[] = await t.db.query(
      `SELECT sent_at, attempts FROM email_outbox`,
    );
    expect(rows.every((r) => r.sent_at !== null && r.attempts === 1)).toBe(true);
    expect(await t.app.get(EmailSender).drain()).toBe(0);
  });
});
