import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Protocol } from './clients.js';
import { benchDatabase } from '../support/fresh-database.js';
import { sleep } from '../support/wait.js';
import type { MemoryProbeAnswer } from './memory-probe.js';

/** A collaboration server under test, running in its own process. */
export interface Target {
  name: string;
  protocol: Protocol;
  /** ws://host:port[/path] that clients append the document name to. */
  baseUrl: string;
  pid: number;
  /** A document to use; `fresh` gives a new, empty one where the server allows it. */
  docName(fresh: boolean): string;
  writerHeaders: Record<string, string>;
  readerHeaders: Record<string, string>;
  /** Whether documents survive the last client leaving (persisted and reloaded). */
  persistent: boolean;
  /** What the server does that its peers do not, to read the figures fairly. */
  notes: string;
  /** The server's live memory after a full garbage collection (see memory-probe.ts). */
  memory(): Promise<MemoryProbeAnswer>;
  stop(): Promise<void>;
}

const DIST = join(__dirname, '..', '..');

/**
 * Starts a server script in its own node process with the memory probe preloaded and an IPC channel to ask
 * it. BENCH_SERVER_ARGS passes node flags to every server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
function spawnServer(script: string, args: string[], env: NodeJS.ProcessEnv, stdout: 'pipe' | 'ignore') {
  const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const probe = join(DIST, 'bench/collab/memory-probe.js');
  // --no-flush-bytecode: V8 frees the bytecode of functions idle for a while during a GC, which made the
  // memory reading of the same server move by up to half a KiB per connection from one run to the next.
  const flags = ['--expose-gc', '--no-flush-bytecode', '--require', probe, ...nodeArgs];
  const child = spawn(process.execPath, [...flags, script, ...args], {
    env,
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
  });
  const memory = () =>
    new Promise<MemoryProbeAnswer>((resolve, reject) => {
      const onMessage = (m: unknown) => {
        const answer = (m as { memory?: MemoryProbeAnswer } | null)?.memory;
        if (!answer) return;
        child.off('message', onMessage);
        resolve(answer);
      };
      child.on('message', onMessage);
      if (!child.send('memory?')) reject(new Error('the server did not take the memory question'));
    });
  return { child, memory };
}

function waitForExit(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

export async function startPeer(kind: 'relay' | 'y-websocket' | 'hocuspocus'): Promise<Target> {
  const { child, memory } = spawnServer(
    join(DIST, 'bench/collab/peer-servers.js'),
    [kind],
    process.env,
    'pipe',
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  let n = 0;
  return {
    name: kind,
    protocol: kind === 'hocuspocus' ? 'hocuspocus' : kind === 'relay' ? 'relay' : 'y-websocket',
    baseUrl: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    docName: (fresh) => (fresh ? `bench-${++n}` : 'bench-0'),
    writerHeaders: {},
    readerHeaders: {},
    persistent: false,
    notes:
      kind === 'relay'
        ? 'broadcasts bytes, no Yjs, no persistence, no auth'
        : 'stock server, documents in memory, no persistence, no auth',
    memory,
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * How long Consulta keeps a document without connections before unloading it (5 s by default): shorter here,
 * since the benchmark waits it out before timing a reload from PostgreSQL, which the grace does not change.
 */
export const UNLOAD_GRACE_MS = 2000;

/**
 * Consulta itself, as `npm start` runs it, with the demo seeded: persistence to PostgreSQL before relay,
 * authentication of every connection and the policy on every message.
 */
export async function startConsulta(): Promise<Target> {
  const db = await benchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'consulta-bench-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    REDIS_URL: '',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // The synthetic writer replays 20,000 edits far faster than a person types; the per-connection limit
    // (default 300 messages/s, which closes a flooding client) would cut it off.
    COLLAB_MESSAGES_PER_SECOND: '1000000',
    COLLAB_UNLOAD_GRACE_MS: String(UNLOAD_GRACE_MS),
  };
  if (db.url) env.DATABASE_URL = db.url;
  else delete env.DATABASE_URL;
  const { child, memory } = spawnServer(join(DIST, 'server/main.js'), [], env, 'ignore');
  const http = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('Consulta exited during start-up');
    const ok = await fetch(`${http}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error('Consulta did not start within a minute');
    await sleep(100);
  }
  const login = (email: string) =>
    json<{ accessToken: string }>(`${http}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'consulta-demo' }),
    });
  const writer = await login('secretariat@demo.consulta.local');
  const reader = await login('france@demo.consulta.local');
  const [demo] = await json<{ currentRound: { draftDoc: string } }[]>(`${http}/api/consultations`);
  return {
    name: 'consulta',
    protocol: 'y-websocket',
    baseUrl: `ws://127.0.0.1:${port}/collab`,
    pid: child.pid!,
    docName: () => demo.currentRound.draftDoc,
    persistent: true,
    writerHeaders: { authorization: `Bearer ${writer.accessToken}` },
    readerHeaders: { authorization: `Bearer ${reader.accessToken}` },
    notes: `persists every update to ${db.url ? 'PostgreSQL' : 'the embedded PostgreSQL'} before relaying, authenticates and checks rights`,
    memory,
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child);
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
