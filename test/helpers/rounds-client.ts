import request from 'supertest';
import type { TestApp } from './test-app.js';

/** Thin supertest calls for the rounds API, as one signed-in user (`auth` is the Authorization header). */
export function roundsApi(t: TestApp, auth?: string) {
  const withAuth = (r: request.Test) => (auth ? r.set('authorization', auth) : r);
  return {
    createConsultation: (body: object) => withAuth(request(t.url).post('/api/consultations')).send(body),
    updateConsultation: (id: string, body: object) =>
      withAuth(request(t.url).patch(`/api/consultations/${id}`)).send(body),
    getConsultation: (id: string) => withAuth(request(t.url).get(`/api/consultations/${id}`)),
    addOption: (id: string, body: object) =>
      withAuth(request(t.url).post(`/api/consultations/${id}/options`)).send(body),
    updateOption: (id: string, optionId: string, body: object) =>
      withAuth(request(t.url).patch(`/api/consultations/${id}/options/${optionId}`)).send(body),
    reorderOptions: (id: string, optionIds: string[]) =>
      withAuth(request(t.url).put(`/api/consultations/${id}/options/order`)).send({ optionIds }),
    createRound: (id: string, body: object = {}) =>
      withAuth(request(t.url).post(`/api/consultations/${id}/rounds`)).send(body),
    getRound: (id: string) => withAuth(request(t.url).get(`/api/rounds/${id}`)),
    openRound: (id: string, body?: object) => {
      const r = withAuth(request(t.url).post(`/api/rounds/${id}/open`));
      return body ? r.send(body) : r;
    },
    closeRound: (id: string) => withAuth(request(t.url).post(`/api/rounds/${id}/close`)),
    updateRound: (id: string, body: object) => withAuth(request(t.url).patch(`/api/rounds/${id}`)).send(body),
    record: (id: string) => withAuth(request(t.url).get(`/api/rounds/${id}/record`)),
    verify: (id: string) => withAuth(request(t.url).get(`/api/rounds/${id}/verify`)),
    auditLog: (id: string) => withAuth(request(t.url).get(`/api/consultations/${id}/audit`)),
    verifyAudit: () => withAuth(request(t.url).get('/api/audit/verify')),
    get: (path: string) => withAuth(request(t.url).get(path)),
  };
}

export const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
