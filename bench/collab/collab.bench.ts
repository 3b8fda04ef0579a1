import { type BenchClient, connect } from './clients.js';
import { cpuMs, percentile, rssBytes } from './process-stats.js';
import { startConsulta, startPeer, type Target } from './targets.js';

export interface FanoutResult {
  target: string;
  readers: number;
  edits: number;
  p50: number;
  p95: number;
  p99: number;
  deliveredPerSecond: number;
  /** Server CPU time per delivered edit, microseconds. */
  cpuPerDeliveryUs: number;
  /** Server memory added per connection, bytes. */
  memoryPerConnection: number;
  lost: number;
}

export interface LoadResult {
  target: string;
  historyEdits: number;
  /** A fresh client's time to a synced document while the document is loaded in the server. */
  warmLoadMs: number;
  /**
   * The same after every client left: Consulta unloads the document and reloads it from PostgreSQL. Peers run
   * without persistence here (they keep or drop the document in memory), so theirs is not measured.
   */
  coldLoadMs: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const EDITS = Number(process.env.BENCH_EDITS ?? 100);
const RATE_PER_SECOND = Number(process.env.BENCH_RATE ?? 50);
const READER_COUNTS = (process.env.BENCH_READERS ?? '50,200,500').split(',').map(Number);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 20_000);

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Connects clients a batch at a time, as a crowd arrives, and waits until each is synced. */
async function connectMany(target: Target, docName: string, n: number): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, () =>
      connect(target.protocol, target.baseUrl, docName, target.readerHeaders),
    );
    await withTimeout(
      Promise.all(batch.map((c) => c.synced)),
      60_000,
      `${target.name}: ${n} readers syncing`,
    );
    clients.push(...batch);
  }
  return clients;
}

/** One writer, N readers on one document: every edit's latency to every reader, and the server's cost. */
async function fanout(target: Target, readers: number): Promise<FanoutResult> {
  // The relay keeps no state, so readers must be there before the writer's first edit.
  const fresh = target.protocol === 'relay';
  const docName = target.docName(fresh);
  let writer: BenchClient | null = null;
  if (!fresh) {
    writer = connect(target.protocol, target.baseUrl, docName, target.writerHeaders);
    await withTimeout(writer.synced, 30_000, `${target.name}: writer syncing`);
  }
  await sleep(300);
  const rssBefore = rssBytes(target.pid);
  const crowd = await connectMany(target, docName, readers);
  await sleep(500);
  const memoryPerConnection = (rssBytes(target.pid) - rssBefore) / readers;
  if (!writer) {
    writer = connect(target.protocol, target.baseUrl, docName, target.writerHeaders);
    await writer.synced;
  }

  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const lastSeen = new Array<number>(readers).fill(0);
  const firstSeq = ((writer.doc.getMap('bench').get('seq') as number | undefined) ?? 0) + 1;
  lastSeen.fill(firstSeq - 1);
  const lastSeq = firstSeq + EDITS - 1;
  let done = 0;
  const allDone = new Promise<void>((resolve) => {
    crowd.forEach((reader, i) => {
      reader.doc.on('update', () => {
        const seq = (reader.doc.getMap('bench').get('seq') as number | undefined) ?? 0;
        const now = performance.now();
        for (let s = lastSeen[i] + 1; s <= seq; s++) {
          const t = sentAt.get(s);
          if (t !== undefined) latencies.push(now - t);
        }
        if (seq > lastSeen[i]) {
          if (seq >= lastSeq && lastSeen[i] < lastSeq && ++done === readers) resolve();
          lastSeen[i] = seq;
        }
      });
    });
  });

  const text = writer.doc.getText('bench-text');
  const meta = writer.doc.getMap('bench');
  const cpuBefore = cpuMs(target.pid);
  const started = performance.now();
  for (let seq = firstSeq; seq <= lastSeq; seq++) {
    sentAt.set(seq, performance.now());
    writer.doc.transact(() => {
      text.insert(text.length, `edit ${seq}. `);
      meta.set('seq', seq);
    });
    await sleep(1000 / RATE_PER_SECOND);
  }
  await withTimeout(allDone, 60_000, `${target.name}: every reader receiving every edit`).catch(
    () => undefined,
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuMs(target.pid) - cpuBefore;
  for (const c of crowd) c.destroy();
  writer.destroy();
  await sleep(500);

  const sorted = latencies.sort((a, b) => a - b);
  const expected = EDITS * readers;
  return {
    target: target.name,
    readers,
    edits: EDITS,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    deliveredPerSecond: latencies.length / elapsed,
    cpuPerDeliveryUs: (cpu * 1000) / Math.max(1, latencies.length),
    memoryPerConnection,
    lost: expected - latencies.length,
  };
}

/** A draft with a long history: how long a newcomer waits for it. */
async function load(target: Target): Promise<LoadResult> {
  const docName = target.docName(true);
  const writer = connect(target.protocol, target.baseUrl, docName, target.writerHeaders);
  await writer.synced;
  const text = writer.doc.getText('history');
  for (let i = 0; i < HISTORY; i++) {
    writer.doc.transact(() => text.insert(i % 2 === 0 ? text.length : 0, 'x'));
    if (i % 200 === 199) await sleep(20);
  }
  const expected = writer.doc.getText('history').length;
  const timeToLoad = async () => {
    const started = performance.now();
    const c = connect(target.protocol, target.baseUrl, docName, target.readerHeaders);
    await withTimeout(c.synced, 60_000, `${target.name}: loading the history`);
    const ms = performance.now() - started;
    const got = c.doc.getText('history').length;
    c.destroy();
    if (got !== expected) throw new Error(`${target.name}: loaded ${got} of ${expected} characters`);
    return ms;
  };
  // Let the last edits reach the server before a newcomer asks.
  await sleep(1500);
  const warmLoadMs = await timeToLoad();
  writer.destroy();
  let coldLoadMs: number | null = null;
  if (target.persistent) {
    await sleep(Number(process.env.BENCH_UNLOAD_WAIT_MS ?? 6000));
    coldLoadMs = await timeToLoad();
  }
  return { target: target.name, historyEdits: HISTORY, warmLoadMs, coldLoadMs };
}

export interface CollabBenchmark {
  fanout: FanoutResult[];
  load: LoadResult[];
  notes: Record<string, string>;
  ratios: Record<string, number>;
}

const ALL_TARGETS: Record<string, () => Promise<Target>> = {
  relay: () => startPeer('relay'),
  'y-websocket': () => startPeer('y-websocket'),
  hocuspocus: () => startPeer('hocuspocus'),
  consulta: startConsulta,
};

/** BENCH_TARGETS=consulta,hocuspocus runs a subset (the ratios need the peers in the same run). */
export async function runCollabBenchmark(
  targets: Array<() => Promise<Target>> = (process.env.BENCH_TARGETS ?? Object.keys(ALL_TARGETS).join(','))
    .split(',')
    .map((name) => ALL_TARGETS[name.trim()])
    .filter(Boolean),
): Promise<CollabBenchmark> {
  // The stock provider logs the server's read-only notice once per reader connection; hundreds of them say nothing.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /Permission denied|^read-only$/.test(args[0])) return;
    warn(...args);
  };
  const result: CollabBenchmark = { fanout: [], load: [], notes: {}, ratios: {} };
  for (const start of targets) {
    const target = await start();
    try {
      result.notes[target.name] = target.notes;
      for (const n of READER_COUNTS) {
        console.error(`collab: ${target.name}, ${n} readers…`);
        result.fanout.push(await fanout(target, n));
      }
      if (target.protocol !== 'relay') {
        console.error(`collab: ${target.name}, loading ${HISTORY} edits of history…`);
        result.load.push(await load(target));
      }
    } finally {
      await target.stop();
    }
  }
  const at = (name: string, n: number) => result.fanout.find((r) => r.target === name && r.readers === n);
  for (const n of READER_COUNTS) {
    const ours = at('consulta', n);
    const peers = ['y-websocket', 'hocuspocus'].map((p) => at(p, n)).filter((r): r is FanoutResult => !!r);
    if (ours && peers.length) {
      result.ratios[`p99 vs fastest peer @${n}`] = ours.p99 / Math.min(...peers.map((p) => p.p99));
    }
    const relay = at('relay', n);
    for (const r of result.fanout.filter((x) => x.readers === n && x.target !== 'relay')) {
      if (relay)
        result.ratios[`cpu/delivery ${r.target} vs relay @${n}`] =
          r.cpuPerDeliveryUs / relay.cpuPerDeliveryUs;
    }
    const ref = at('y-websocket', n);
    if (ours && ref)
      result.ratios[`memory/conn vs y-websocket @${n}`] = ours.memoryPerConnection / ref.memoryPerConnection;
  }
  return result;
}

/** Plain-text tables of the figures, for the terminal and the issue note. */
export function formatCollab(b: CollabBenchmark): string {
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  const lines = [
    'Fan-out, one writer to N readers on one document (latency ms; CPU µs per delivered edit; memory KiB per connection)',
    '| server | readers | p50 | p95 | p99 | delivered/s | CPU µs/delivery | KiB/conn | lost |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...b.fanout.map(
      (r) =>
        `| ${r.target} | ${r.readers} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.deliveredPerSecond, 0)} | ${f(r.cpuPerDeliveryUs)} | ${f(r.memoryPerConnection / 1024)} | ${r.lost} |`,
    ),
    '',
    'Loading a document with a long history (ms until a fresh client is synced)',
    '| server | edits | while loaded | after unload |',
    '|---|---:|---:|---:|',
    ...b.load.map(
      (r) =>
        `| ${r.target} | ${r.historyEdits} | ${f(r.warmLoadMs)} | ${r.coldLoadMs === null ? 'n/a' : f(r.coldLoadMs)} |`,
    ),
    '',
    'Ratios (Consulta ÷ peer; below 1 is better)',
    ...Object.entries(b.ratios).map(([k, v]) => `- ${k}: ${f(v, 2)}`),
    '',
    ...Object.entries(b.notes).map(([k, v]) => `- ${k}: ${v}`),
  ];
  return lines.join('\n');
}
