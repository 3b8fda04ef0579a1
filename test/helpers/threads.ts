import request from 'supertest';
import type { TestApp } from './test-app.js';

/**
 * Opens a thread on a round through the real API (POST /api/rounds/:id/threads) as the user whose
 * `Authorization` header is `auth`, anonymously when it is null; returns the supertest request, whose status
 * the test asserts (a refusal is as much an answer as a thread).
 */
export function openThread(t: Pick<TestApp, 'url'>, auth: string | null, roundId: string, body: object) {
  const req = request(t.url).post(`/api/rounds/${roundId}/threads`);
  return (auth ? req.set('Authorization', auth) : req).send(body);
}
