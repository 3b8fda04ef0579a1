import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The product as `npm start` runs it: the compiled server, no DATABASE_URL, an embedded database in a data
 * folder. These tests start real processes.
 */
const MAIN = join(process.cwd(), 'dist/server/main.js');
const dataDir = mkdtempSync(join(tmpdir(), 'consulta-start-'));
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>) {
  const clean = { ...process.env };
  for (const k of [
    'DATABASE_URL',
    'TEST_DATABASE_URL',
    'REDIS_URL',
    'JWT_SECRET',
    'SEED_DEMO',
    'DATABASE_EMBEDDED',
  ])
    delete clean[k];
  const child = spawn(process.execPath, [MAIN], {
    env: { ...clean, LOG_LEVEL: 'warn', ...env },
    stdio: 'pipe',
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitHealthy(port: number, exited: Promise<unknown>) {
  const deadline = Date.now() + 60_000;
  let stopped = false;
  void exited.then(() => (stopped = true));
  while (Date.now() < deadline && !stopped) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not become healthy');
}

async function stop(child: ChildProcess, exited: Promise<number | null>) {
  child.kill('SIGTERM');
  return exited;
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start with the embedded database', () => {
  it('serves the seeded demo, keeps data across a restart, and refuses a second process on the same folder', async () => {
    const port = await freePort();
    const first = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitHealthy(port, first.exited);
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as {
      database: unknown;
    };
    expect(health.database).toEqual({ status: 'up', embedded: true });
    const list = (await (await fetch(`http://127.0.0.1:${port}/api/consultations`)).json()) as {
      question: string;
    }[];
    expect(list.map((c) => c.question)).toEqual([
      "Where should ITU's dedicated group on Internet issues sit?",
    ]);

    // A second process on the same data folder is refused with a clear message.
    const second = start({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already in use by process \d+/);

    // Register an account, restart, and find it (and no second demo) still there.
    const reg = await fetch(`http://127.0.0.1:${port}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'persist@example.org',
        displayName: 'Persisting',
        password: 'a long password',
      }),
    });
    expect(reg.status).toBe(201);
    expect(await stop(first.child, first.exited)).toBe(0);

    const again = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitHealthy(port, again.exited);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'persist@example.org', password: 'a long password' }),
    });
    expect(login.status).toBe(200);
    const after = (await (await fetch(`http://127.0.0.1:${port}/api/consultations`)).json()) as unknown[];
    expect(after).toHaveLength(1);
    expect(await stop(again.child, again.exited)).toBe(0);
  }, 120_000);

  it('stops with one line naming a bad setting', async () => {
    const bad = start({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await bad.exited).toBe(1);
    expect(bad.output().trim()).toBe('Configuration error: PORT must be a number');
  });
});
