import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { draftDocName } from '../shared/domain.js';
import { connectEditor, type Editor, synced } from './helpers/collab.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

/**
 * The compiled server as a child process (`npm run build` first), killed with SIGKILL in the middle of a
 * burst of edits: whatever any client had received must still be there after the restart, because an
 * update is relayed only after its row committed.
 */
const MAIN = join(process.cwd(), 'dist/server/main.js');
const JWT_SECRET = randomBytes(32).toString('hex');
const dataDir = mkdtempSync(join(tmpdir(), 'consulta-collab-'));
const children: ChildProcess[] = [];
const editors: Editor[] = [];
let database: TestDatabase;
let port: number;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

function start() {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of ['TEST_DATABASE_URL', 'REDIS_URL', 'SEED_DEMO', 'DATABASE_EMBEDDED']) delete env[k];
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      JWT_SECRET,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
    },
    stdio: 'pipe',
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function healthy() {
  await vi.waitFor(
    async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(res.ok).toBe(true);
    },
    { timeout: 60_000, interval: 200 },
  );
}

const api = (path: string, body: unknown, token?: string) =>
  fetch(`http://127.0.0.1:${port}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

let token: string;
let docName: string;

beforeAll(async () => {
  database = await createTestDatabase();
  port = await freePort();
  const server = start();
  await healthy();
  const email = `writer-${randomBytes(4).toString('hex')}@example.org`;
  expect(
    (await api('/auth/register', { email, displayName: 'Writer', password: 'a long password' })).status,
  ).toBe(201);
  const pg = new Client({ connectionString: database.url });
  await pg.connect();
  try {
    await pg.query(`UPDATE users SET platform_role = 'secretariat' WHERE email = $1`, [email]);
    const [c] = (
      await pg.query(`INSERT INTO consultations (title, question) VALUES ('Durable', 'Q?') RETURNING id`)
    ).rows;
    const [r] = (
      await pg.query(
        `INSERT INTO rounds (consultation_id, number, status, opened_at) VALUES ($1, 1, 'open', now()) RETURNING id`,
        [c.id],
      )
    ).rows;
    docName = draftDocName(r.id);
  } finally {
    await pg.end();
  }
  token = (
    (await (await api('/auth/login', { email, password: 'a long password' })).json()) as {
      accessToken: string;
    }
  ).accessToken;
  expect(token).toBeTruthy();
  void server;
}, 90_000);

afterAll(async () => {
  for (const e of editors) e.destroy();
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const tokens = (s: string) => new Set(s.split(';').filter(Boolean));

describe('durability of acknowledged edits', () => {
  it('after kill -9 during a burst and a restart, a fresh client sees every update any other client had received', async () => {
    const url = `http://127.0.0.1:${port}`;
    const writer = connectEditor(url, docName, { token });
    const watcher = connectEditor(url, docName, { token });
    editors.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);

    // A burst: one edit per millisecond or so, until the watcher has received a good part of it.
    let i = 0;
    const burst = setInterval(() => {
      for (let k = 0; k < 3; k++) writer.text.insert(writer.text.length, `w${i++};`);
    }, 1);
    await vi.waitFor(() => expect(tokens(watcher.text.toString()).size).toBeGreaterThan(150), {
      timeout: 20_000,
    });
    const victim = children[children.length - 1];
    victim.kill('SIGKILL');
    clearInterval(burst);
    // What the watcher had received at the moment of the crash (its socket is dead now).
    const seen = tokens(watcher.text.toString());
    // The writer must not resend its edits after the restart: only PostgreSQL may supply them.
    writer.destroy();
    watcher.destroy();
    await new Promise((r) => victim.once('exit', r));
    expect(i).toBeGreaterThan(seen.size);

    const again = start();
    await healthy();
    const fresh = connectEditor(url, docName, { token });
    editors.push(fresh);
    await synced(fresh);
    const recovered = tokens(fresh.text.toString());
    const missing = [...seen].filter((t) => !recovered.has(t));
    expect(missing).toEqual([]);
    expect(recovered.size).toBeGreaterThanOrEqual(seen.size);

    // SIGTERM with clients connected: pending writes finish and the process exits cleanly, without hanging
    // on the open sockets; the edit is there after the next start.
    const second = connectEditor(url, docName, { token });
    editors.push(second);
    await synced(second);
    fresh.text.insert(0, 'last;');
    await vi.waitFor(() => expect(second.text.toString()).toContain('last;'));
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    fresh.destroy();
    second.destroy();
    start();
    await healthy();
    const after = connectEditor(url, docName, { token });
    editors.push(after);
    await synced(after);
    expect(after.text.toString()).toContain('last;');
  }, 120_000);
});
