import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { draftDocName } from '../shared/domain.js';
import { CLOSE } from '../server/modules/collaboration/close-codes.js';
import { createConsultation, createRound } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// Its own file: a short idle timeout would cut the stock clients of other tests (they speak every 15 s).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { COLLAB_IDLE_TIMEOUT_MS: '1200' } });
});
afterAll(() => t?.close());

describe('idle connections', () => {
  it('a connection that answers pings but sends nothing is closed with 4408', async () => {
    const { consultation } = await createConsultation(t);
    const name = draftDocName((await createRound(t, consultation.id)).id);
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/collab/${name}`);
    ws.on('error', () => undefined);
    const started = Date.now();
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(CLOSE.IDLE.code);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
  });
});
