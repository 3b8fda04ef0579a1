import { setPriority } from 'node:os';
import { type BenchClient, connect, dateLastRenewal, quietReadOnlyNotices, RENEWALS } from './clients.js';
import { commitLatency, type CommitLatency } from './commit-latency.js';
import { median, percentile } from '../support/figures.js';
import { sleep, withTimeout } from '../support/wait.js';
import { cpuMs, waitForQuiet } from './process-stats.js';
import { monotonicMs, ReaderPool } from './reader-pool.js';
import { startConsulta, startPeer, type Target, UNLOAD_GRACE_MS } from './targets.js';

export interface FanoutResult {
  target: string;
  readers: number;
  edits: number;
  /** Edits a second the writer made, as measured (the target is rateFor(readers)). */
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  deliveredPerSecond: number;
  /** Server CPU time per delivered edit, microseconds. */
  cpuPerDeliveryUs: number;
  /** Server memory still alive after a full GC, added per connection, bytes. */
  memoryPerConnection: number;
  /** The same read as resident set size (what `top` shows; noisier). */
  rssPerConnection: number;
  lost: number;
  /** How many runs the figures are the median of (CPU: total over all runs). */
  runs: number;
  /** Each run's p99 and memory per connection, to see how far they spread. */
  p99Runs: number[];
  memoryRuns: number[];
  /** How busy the load generator's busiest reader thread was (0–1), the highest of the runs. */
  clientBusy: number;
  /** Time for the crowd to arrive, 100 readers at a time, each connected and synced (median of the runs). */
  arrivalMs: number;
  /** Server CPU time per arriving reader (connection, authentication, initial sync, presence), ms. */
  arrivalCpuMsPerReader: number;
}

/** One run of a fan-out scenario, before the runs are combined. */
interface FanoutRun extends Omit<FanoutResult, 'runs' | 'p99Runs' | 'memoryRuns'> {
  cpuMs: number;
  delivered: number;
  elapsedS: number;
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

/**
 * The writer's pace: BENCH_RATE edits a second (a fast typist's keystrokes are ~10), but no more than
 * BENCH_DELIVERIES_PER_SECOND deliveries a second over the whole crowd (500 readers get 20 edits a second).
 * All readers run on this one machine: beyond that, the load generator itself falls behind (see "client busy"
 * in the table) and its queue, not the server, would set the tail.
 */
const MAX_RATE = Number(process.env.BENCH_RATE ?? 50);
const DELIVERIES_PER_SECOND = Number(process.env.BENCH_DELIVERIES_PER_SECOND ?? 10_000);
const rateFor = (readers: number) => Math.min(MAX_RATE, DELIVERIES_PER_SECOND / readers);
/**
 * Edits per run, after a lead-in that is not counted: the same number at every crowd size (at 20 a second, a
 * run lasts 8 s), since a run's p99 rests on its few slowest edits.
 */
const EDITS = Number(process.env.BENCH_EDITS ?? 160);
const LEAD_IN_SECONDS = 0.5;
/**
 * Each scenario runs several times, the targets taking turns, and the figures are the medians. Now and then a
 * run's p99 comes out two or three times the others' on every server alike (the machine, not the server):
 * the median of three runs sets it aside where the median of two (their mean) would not. 500-reader runs take
 * twice as long, so they run twice, to keep the benchmark under five minutes; smaller crowds run once.
 * BENCH_REPEATS sets the count for every crowd from 200 readers. The relay runs once per crowd: it sets the
 * CPU floor (total CPU over deliveries, which varies little between runs), and no goal reads its latency.
 */
const REPEATS = process.env.BENCH_REPEATS ? Number(process.env.BENCH_REPEATS) : null;
const repeatsAt = (readers: number) => (readers < 200 ? 1 : (REPEATS ?? (readers >= 500 ? 2 : 3)));
const runsOf = (target: Target, readers: number) => (target.protocol === 'relay' ? 1 : repeatsAt(readers));
const READER_COUNTS = (process.env.BENCH_READERS ?? '50,200,500').split(',').map(Number);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 20_000);
/** Threads the readers are spread over (see ReaderPool); the writer has the main thread to itself. */
const READER_THREADS = Number(process.env.BENCH_READER_THREADS ?? 2);

/** Connects readers a batch at a time, as a crowd arrives, and waits until each is synced. */
async function connectMany(pool: ReaderPool, target: Target, docName: string, n: number) {
  for (let i = 0; i < n; i += 100) {
    await withTimeout(
      pool.connect(target.protocol, target.baseUrl, docName, target.readerHeaders, Math.min(100, n - i)),
      60_000,
      `${target.name}: ${n} readers syncing`,
    );
  }
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/** One writer, N readers on one document: every edit's latency to every reader, and the server's cost. */
async function fanout(pool: ReaderPool, target: Target, readers: number, edits = EDITS): Promise<FanoutRun> {
  const rate = rateFor(readers);
  // The relay keeps no state, so readers must be there before the writer's first edit.
  const fresh = target.protocol === 'relay';
  const docName = target.docName(fresh);
  let writer: BenchClient | null = null;
  if (!fresh) {
    writer = connect(target.protocol, target.baseUrl, docName, target.writerHeaders);
    await withTimeout(writer.synced, 30_000, `${target.name}: writer syncing`);
  }
  // Memory per connection is what each further reader adds: measured across the last four fifths of the
  // crowd, so what the first arrivals set up once (database pool connections, caches) is not spread over them.
  const first = Math.max(10, Math.round(readers / 5));
  // Each reading waits for the arrivals' traffic (initial sync, presence) to drain: bytes still queued on
  // sockets are memory, but not memory a connection keeps.
  // The server's CPU over each wave of arrivals and the drain after it, not over the memory readings (a full GC).
  let arrivalStarted = performance.now();
  let arrivalCpuStart = cpuMs(target.pid);
  await connectMany(pool, target, docName, first);
  let arrivalMs = performance.now() - arrivalStarted;
  await waitForQuiet(target.pid);
  let arrivalCpu = cpuMs(target.pid) - arrivalCpuStart;
  const before = await target.memory();
  arrivalStarted = performance.now();
  arrivalCpuStart = cpuMs(target.pid);
  await connectMany(pool, target, docName, readers - first);
  arrivalMs += performance.now() - arrivalStarted;
  await waitForQuiet(target.pid);
  arrivalCpu += cpuMs(target.pid) - arrivalCpuStart;
  const after = await target.memory();
  // The bench's own garbage (the previous run's clients) must not pause the writer of this one.
  collectGarbage();
  await sleep(200);
  if (!writer) {
    writer = connect(target.protocol, target.baseUrl, docName, target.writerHeaders);
    await writer.synced;
  }

  // A lead-in, sent at the same pace but not counted: the first edits of a run also pay for the load
  // generator's new listeners and for the full GC the memory reading just forced in the server.
  const startSeq = ((writer.doc.getMap('bench').get('seq') as number | undefined) ?? 0) + 1;
  const firstSeq = startSeq + Math.round(rate * LEAD_IN_SECONDS);
  const lastSeq = firstSeq + edits - 1;
  const sentAt = new Float64Array(edits);
  await withTimeout(pool.watch(firstSeq, lastSeq), 30_000, `${target.name}: readers watching`);
  dateLastRenewal(writer, 0, 1);

  const text = writer.doc.getText('bench-text');
  const meta = writer.doc.getMap('bench');
  let cpuBefore = 0;
  let started = 0;
  // Each edit is due at a fixed time from the start, whatever happened to the one before: a late timer or a
  // busy thread does not push the following edits back (which would leave their delay uncounted).
  const scheduleStart = performance.now();
  for (let seq = startSeq; seq <= lastSeq; seq++) {
    await sleep(scheduleStart + ((seq - startSeq) * 1000) / rate - performance.now());
    if (seq === firstSeq) {
      cpuBefore = cpuMs(target.pid);
      started = performance.now();
    }
    if (seq >= firstSeq) sentAt[seq - firstSeq] = monotonicMs();
    writer.doc.transact(() => {
      text.insert(text.length, `edit ${seq}. `);
      meta.set('seq', seq);
    });
  }
  const sentFor = (performance.now() - started) / 1000;
  const { arrivals, busiest } = await withTimeout(pool.collect(60_000), 70_000, `${target.name}: collecting`);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuMs(target.pid) - cpuBefore;
  await withTimeout(pool.destroyReaders(), 30_000, `${target.name}: readers leaving`);
  writer.destroy();
  await waitForQuiet(target.pid);

  const latencies: number[] = [];
  for (const pairs of arrivals) {
    for (let i = 0; i < pairs.length; i += 2) latencies.push(pairs[i + 1] - sentAt[pairs[i] - firstSeq]);
  }
  const expected = edits * readers;
  return {
    target: target.name,
    readers,
    edits,
    // As sent: edits - 1 intervals between the first counted edit and the last.
    rate: (edits - 1) / Math.max(sentFor, 1e-3),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    deliveredPerSecond: latencies.length / elapsed,
    cpuPerDeliveryUs: (cpu * 1000) / Math.max(1, latencies.length),
    memoryPerConnection: (after.liveBytes - before.liveBytes) / (readers - first),
    rssPerConnection: (after.rssBytes - before.rssBytes) / (readers - first),
    lost: expected - latencies.length,
    clientBusy: busiest,
    arrivalMs,
    arrivalCpuMsPerReader: arrivalCpu / readers,
    cpuMs: cpu,
    delivered: latencies.length,
    elapsedS: elapsed,
  };
}

/** Several runs of one scenario as one result: medians, and CPU as total time over total deliveries. */
function combine(runs: FanoutRun[]): FanoutResult {
  const med = (pick: (r: FanoutRun) => number) => median(runs.map(pick));
  const delivered = runs.reduce((n, r) => n + r.delivered, 0);
  return {
    target: runs[0].target,
    readers: runs[0].readers,
    edits: runs[0].edits,
    rate: med((r) => r.rate),
    p50: med((r) => r.p50),
    p95: med((r) => r.p95),
    p99: med((r) => r.p99),
    deliveredPerSecond: delivered / runs.reduce((n, r) => n + r.elapsedS, 0),
    cpuPerDeliveryUs: (runs.reduce((n, r) => n + r.cpuMs, 0) * 1000) / Math.max(1, delivered),
    memoryPerConnection: med((r) => r.memoryPerConnection),
    rssPerConnection: med((r) => r.rssPerConnection),
    lost: runs.reduce((n, r) => n + r.lost, 0),
    runs: runs.length,
    p99Runs: runs.map((r) => r.p99),
    memoryRuns: runs.map((r) => r.memoryPerConnection),
    clientBusy: Math.max(...runs.map((r) => r.clientBusy)),
    arrivalMs: med((r) => r.arrivalMs),
    arrivalCpuMsPerReader: med((r) => r.arrivalCpuMsPerReader),
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
  // Let the server finish with the last edits before a newcomer asks (its CPU only: Consulta's commits run in
  // PostgreSQL's processes, but a newcomer reads the document from memory while it is loaded).
  await waitForQuiet(target.pid, { windowMs: 300, maxMs: 5000 });
  const warmLoadMs = await timeToLoad();
  writer.destroy();
  let coldLoadMs: number | null = null;
  if (target.persistent) {
    // Past the unload grace (UNLOAD_GRACE_MS in targets.ts) and the compaction that follows it.
    await sleep(Number(process.env.BENCH_UNLOAD_WAIT_MS ?? UNLOAD_GRACE_MS + 2500));
    coldLoadMs = await timeToLoad();
  }
  return { target: target.name, historyEdits: HISTORY, warmLoadMs, coldLoadMs };
}

export interface CollabBenchmark {
  fanout: FanoutResult[];
  load: LoadResult[];
  /** One commit on the PostgreSQL under test (null on the embedded database). */
  commit: CommitLatency | null;
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
  quietReadOnlyNotices();
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  // Measured first, with nothing else running yet.
  const result: CollabBenchmark = {
    fanout: [],
    load: [],
    commit: await commitLatency(),
    notes: {},
    ratios: {},
  };
  // Every server runs for the whole benchmark and they take turns, run after run (in a rotating order), so a
  // change in the machine's load touches all of them alike instead of whichever happened to run then.
  const running: Target[] = [];
  let pool: ReaderPool | undefined;
  try {
    for (const start of targets) running.push(await start());
    // The load generator (hundreds of stock clients, each applying every edit) needs a whole core at 500
    // readers. On a two-core machine at equal priority the scheduler then queues the server under test, and
    // its database, behind the clients, which would not happen with clients on other machines: the slowest
    // commits seen were backends waiting for a core, not the disk. So the benchmark process yields (nice 10,
    // set after the servers started so they keep the normal priority); every server is treated alike.
    const nice = Number(process.env.BENCH_NICE ?? 10);
    setPriority(nice);
    pool = new ReaderPool(READER_THREADS, nice);
    for (const t of running) result.notes[t.name] = t.notes;
    // A warm-up run each, not counted: the first connections also pay for compiling the server's code paths
    // (bytecode, feedback, optimised code), which is not memory (or CPU) a connection costs.
    for (const t of running) await fanout(pool, t, 100, 20);
    for (const n of READER_COUNTS) {
      const runs = new Map<string, FanoutRun[]>(running.map((t) => [t.name, []]));
      for (let r = 0; r < repeatsAt(n); r++) {
        for (let i = 0; i < running.length; i++) {
          const target = running[(i + r) % running.length];
          if (r >= runsOf(target, n)) continue;
          console.error(
            `collab ${(performance.now() / 1000).toFixed(0)} s: ${target.name}, ${n} readers (run ${r + 1} of ${runsOf(target, n)})…`,
          );
          runs.get(target.name)!.push(await fanout(pool!, target, n));
        }
      }
      for (const t of running) result.fanout.push(combine(runs.get(t.name)!));
    }
    for (const target of running) {
      if (target.protocol === 'relay') continue;
      console.error(
        `collab ${(performance.now() / 1000).toFixed(0)} s: ${target.name}, loading ${HISTORY} edits of history…`,
      );
      result.load.push(await load(target));
    }
  } finally {
    await pool?.close();
    await Promise.all(running.map((t) => t.stop()));
    // Back to normal for the benchmarks that follow (raising priority again needs privileges: best effort).
    try {
      setPriority(0);
    } catch {
      console.error('collab: could not restore the benchmark process priority (nice) after the run');
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
    `Fan-out, one writer to N readers on one document, ${EDITS} edits a run (at most ${MAX_RATE} edits/s and ${DELIVERIES_PER_SECOND} deliveries/s); medians of ${READER_COUNTS.filter(
      (n) => n >= 200,
    )
      .map((n) => `${repeatsAt(n)} runs at ${n} readers`)
      .join(', ')} (the relay: one)`,
    `presence renewals during the runs: ${RENEWALS} (BENCH_RENEWALS=none|spread)`,
    "(latency ms, with each run's p99; server CPU µs per delivered edit; KiB per further connection, alive after a full GC;",
    'client busy: the busiest reader thread of the load generator — near 100%, the tail is its own queue;',
    'arrival: seconds until the whole crowd, arriving 100 at a time, is connected and synced, and the server CPU per arriving reader)',
    '| server | readers | edits/s | p50 | p95 | p99 | p99 of each run | delivered/s | CPU µs/delivery | KiB/conn | lost | client busy | arrival s | arrival CPU ms/reader |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...b.fanout.map(
      (r) =>
        `| ${r.target} | ${r.readers} | ${f(r.rate, 0)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.p99Runs.map((x) => f(x)).join(' / ')} | ${f(r.deliveredPerSecond, 0)} | ${f(r.cpuPerDeliveryUs)} | ${f(r.memoryPerConnection / 1024)} (${r.memoryRuns.map((x) => f(x / 1024)).join(' / ')}) | ${r.lost} | ${f(r.clientBusy * 100, 0)}% | ${f(r.arrivalMs / 1000)} | ${f(r.arrivalCpuMsPerReader, 2)} |`,
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
    b.commit
      ? `One commit on this PostgreSQL (a one-row INSERT, median): ${f(b.commit.backToBackMs, 2)} ms back to back, ${f(b.commit.afterIdleMs, 2)} ms 20 ms after the previous one — Consulta relays an edit after its commit, the peers at once`
      : 'One commit: not measured (the embedded database)',
    '',
    'Ratios (Consulta ÷ peer; below 1 is better)',
    ...Object.entries(b.ratios).map(([k, v]) => `- ${k}: ${f(v, 2)}`),
    '',
    ...Object.entries(b.notes).map(([k, v]) => `- ${k}: ${v}`),
  ];
  return lines.join('\n');
}
