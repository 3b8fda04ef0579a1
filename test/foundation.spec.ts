import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('Foundation: the running app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('reports a healthy database on /api/health', async () => {
    const res = await request(t.url).get('/api/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { status: 'up' },
      redis: { status: 'not_configured' },
    });
  });

  it('ran every migration at start-up, so the schema exists', async () => {
    const rows: { name: string }[] = await t.db.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toContain('Initial1764300000000');
    const tables: { table_name: string }[] = await t.db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['users', 'consultations', 'rounds']),
    );
  });

  it('answers an unknown route with a JSON 404 naming it', async () => {
    const res = await request(t.url).get('/api/does-not-exist').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(res.body.message).toContain('/api/does-not-exist');
  });

  it('answers a malformed JSON body with a clear 400, never a stack trace', async () => {
    const res = await request(t.url)
      .post('/api/auth/register')
      .set('content-type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(typeof res.body.message).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('answers an over-large body with 413', async () => {
    const res = await request(t.url)
      .post('/api/auth/register')
      .set('content-type', 'application/json')
      .send(
        JSON.stringify({ email: 'a@b.org', displayName: 'x'.repeat(400_000), password: 'long enough pw' }),
      )
      .expect(413);
    expect(res.body.message).toMatch(/too large/);
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const res = await request(t.url).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/consultations']),
    );
    const register = res.body.paths['/api/auth/register'].post;
    expect(register.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
  });

  it('serves the client with cache headers: hashed assets for a year, the page always revalidated', async () => {
    const page = await request(t.url).get('/consultations/some-id').set('accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(asset).toBeDefined();
    const js = await request(t.url).get(asset!).expect(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('carries a request id on every error answer', async () => {
    const res = await request(t.url).get('/api/nothing-here').set('x-request-id', 'trace-me-123').expect(404);
    expect(res.body.requestId).toBe('trace-me-123');
  });
});
