import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Consultation } from '../server/modules/consultations/consultation.entity.js';
import { createUser, type SignedInUser } from './helpers/factories.js';
import { roundsApi } from './helpers/rounds-client.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Saving a consultation's settings: only what was sent changes, and never over a change the saver did not see. */
describe('Consultation settings', () => {
  let t: TestApp;
  let sec: SignedInUser;
  let api: ReturnType<typeof roundsApi>;

  beforeAll(async () => {
    t = await createTestApp();
    sec = await createUser(t, { platformRole: 'secretariat', displayName: 'Sam Secretariat' });
    api = roundsApi(t, sec.auth);
  });
  afterAll(() => t?.close());

  const newConsultation = async () =>
    (
      await api
        .createConsultation({
          title: 'Where should the group sit?',
          question: 'Which home?',
          description: 'First words',
          rationaleMaxLength: 800,
        })
        .expect(201)
    ).body as { id: string; version: number };

  it('starts at version 1 and counts every saved change', async () => {
    const c = await newConsultation();
    expect(c.version).toBe(1);
    const saved = await api.updateConsultation(c.id, { title: 'Renamed', version: 1 }).expect(200);
    expect(saved.body.version).toBe(2);
  });

  it('changes only the fields sent, leaving the others as another person left them', async () => {
    const c = await newConsultation();
    // Someone else sets the rationale limit and the description…
    await api
      .updateConsultation(c.id, { rationaleMaxLength: 1500, description: 'Their words', version: 1 })
      .expect(200);
    // …and this save, from a page loaded after that, sends the title alone.
    const res = await api.updateConsultation(c.id, { title: 'Only the title', version: 2 }).expect(200);
    expect(res.body).toMatchObject({
      title: 'Only the title',
      question: 'Which home?',
      description: 'Their words',
      rationaleMaxLength: 1500,
      version: 3,
    });
  });

  it('refuses a save based on an older version with 409, and changes nothing', async () => {
    const c = await newConsultation();
    await api.updateConsultation(c.id, { title: 'First saver', version: 1 }).expect(200);
    const stale = await api
      .updateConsultation(c.id, { title: 'Second saver', rationaleMaxLength: 99, version: 1 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION' });
    expect(stale.body.message).toMatch(/changed by someone else/);
    const now = (await api.getConsultation(c.id).expect(200)).body;
    expect(now).toMatchObject({ title: 'First saver', rationaleMaxLength: 800, version: 2 });
    const audit = (await api.auditLog(c.id).expect(200)).body as { action: string }[];
    expect(audit.filter((e) => e.action === 'consultation.updated')).toHaveLength(1);
  });

  it.each([['two'], [0], [-1], [1.5], [null]])(
    'refuses the version %j with a 400 naming it',
    async (version) => {
      const c = await newConsultation();
      const res = await api.updateConsultation(c.id, { title: 'Never', version }).expect(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['version']);
      expect((await api.getConsultation(c.id).expect(200)).body.title).toBe('Where should the group sit?');
    },
  );

  it('refuses a version with nothing to change (400)', async () => {
    const c = await newConsultation();
    const res = await api.updateConsultation(c.id, { version: 1 }).expect(400);
    expect(res.body.message).toContain('nothing to change');
  });

  it('counts a change written by any other path too, so a save based on what was before is refused', async () => {
    const c = await newConsultation();
    await t.db.getRepository(Consultation).update(c.id, { rationaleMaxLength: 300 });
    expect((await api.getConsultation(c.id).expect(200)).body.version).toBe(2);
    await api.updateConsultation(c.id, { title: 'Late', version: 1 }).expect(409);
  });
});
