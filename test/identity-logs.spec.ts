import { PinoLogger } from 'nestjs-pino';
import { symbols } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redactUrl } from '../server/common/logging.module.js';
import { createUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** No credential that travels in a URL, a header or a cookie ever reaches the request log. */
describe('Identity: nothing secret is logged', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'info' } });
    // Capture what pino writes, at its destination stream, instead of printing it.
    const root = PinoLogger.root as unknown as Record<symbol, { write: (s: string) => boolean }>;
    const stream = root[symbols.streamSym];
    stream.write = (s: string) => (lines.push(s), true);
  });
  afterAll(() => t?.close());

  it('redacts tokens in URLs, headers and cookies from the request log', async () => {
    const { token } = await createUser(t);
    await request(t.url)
      .get(`/api/consultations?token=${token}&ticket=one-time-ticket-123&access_token=${token}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', `consulta_at=${token}`);
    await request(t.url).get(`/api/nothing/${token}`);
    await vi.waitFor(() => expect(lines.join('\n')).toContain('/api/nothing/'));
    const log = lines.join('\n');
    expect(log).toContain('/api/consultations?token=[redacted]&ticket=[redacted]&access_token=[redacted]');
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.split('.')[2]);
    expect(log).not.toContain('one-time-ticket-123');
  });

  it.each([
    ['/collab/round.x.draft?ticket=abc', '/collab/round.x.draft?ticket=[redacted]'],
    ['/x?a=1&TOKEN=abc&b=2', '/x?a=1&TOKEN=[redacted]&b=2'],
    ['/x?refresh_token=abc#frag', '/x?refresh_token=[redacted]#frag'],
    ['/x?weird=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', '/x?weird=[redacted]'],
    ['/plain/path?page=2', '/plain/path?page=2'],
  ])('redactUrl(%s) = %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
