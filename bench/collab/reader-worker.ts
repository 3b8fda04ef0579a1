import { setPriority } from 'node:os';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { waitAtMost } from '../support/wait.js';
import { type BenchClient, connect, dateLastRenewal, quietReadOnlyNotices } from './clients.js';
import { monotonicMs, type ReaderRequest, type ReaderWorkerData } from './reader-pool.js';

/**
 * A thread of the benchmark's readers: it connects its share of the crowd and records, for every edit, when
 * each of its readers had applied it. Its clock (monotonicMs) is the one the writer stamps edits with.
 */
const port = parentPort!;
const { nice } = workerData as ReaderWorkerData;
// The same lower priority as the benchmark's main thread (see collab.bench.ts): on Linux, nice is per thread.
setPriority(0, nice);
quietReadOnlyNotices();
process.setMaxListeners(0);

const readers: BenchClient[] = [];
/** The run being recorded: arrivals so far, and when every reader of this thread has had the last edit. */
interface Watch {
  arrivals: number[];
  done: Promise<void>;
  /** Event-loop utilisation from the start of the run until the last edit reached every reader here. */
  busy: number | null;
  busySince: EventLoopUtilization;
}
let watch: Watch | null = null;

function startWatching(firstSeq: number, lastSeq: number) {
  (globalThis as { gc?: () => void }).gc?.();
  const arrivals: number[] = [];
  let pending = readers.length;
  const busySince = performance.eventLoopUtilization();
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve)).then(() => {
    // How busy this thread was until its last reader had the last edit (not while it then waited).
    state.busy = performance.eventLoopUtilization(busySince).utilization;
  });
  const state: Watch = { arrivals, done, busy: null, busySince };
  if (pending === 0) finish();
  const stops = readers.map((reader) => {
    let lastSeen = firstSeq - 1;
    const meta = reader.doc.getMap('bench');
    const onUpdate = () => {
      const seq = (meta.get('seq') as number | undefined) ?? 0;
      if (seq <= lastSeen) return;
      const now = monotonicMs();
      // An update can carry several edits (a server may merge them): each counts, at the time it arrived.
      for (let s = lastSeen + 1; s <= seq; s++) arrivals.push(s, now);
      if (seq >= lastSeq && lastSeen < lastSeq && --pending === 0) finish();
      lastSeen = seq;
    };
    reader.doc.on('update', onUpdate);
    return () => reader.doc.off('update', onUpdate);
  });
  void done.then(() => stops.forEach((stop) => stop()));
  watch = state;
}

async function handle(req: ReaderRequest): Promise<unknown> {
  switch (req.op) {
    case 'connect': {
      const batch = Array.from({ length: req.count }, () =>
        connect(req.protocol, req.baseUrl, req.docName, req.headers),
      );
      readers.push(...batch);
      await Promise.all(batch.map((c) => c.synced));
      return { connected: readers.length };
    }
    case 'watch':
      readers.forEach((reader, i) => dateLastRenewal(reader, i, readers.length));
      startWatching(req.firstSeq, req.lastSeq);
      return { watching: readers.length };
    case 'collect': {
      const current = watch;
      watch = null;
      if (!current) return { arrivals: new Float64Array(0) };
      await waitAtMost(current.done, req.timeoutMs);
      return {
        arrivals: Float64Array.from(current.arrivals),
        busy: current.busy ?? performance.eventLoopUtilization(current.busySince).utilization,
      };
    }
    case 'destroy':
      for (const r of readers.splice(0)) r.destroy();
      return { destroyed: true };
  }
}

port.on('message', (req: ReaderRequest) => {
  handle(req).then(
    (answer) => port.postMessage({ id: req.id, ...(answer as object) }),
    (err: Error) => port.postMessage({ id: req.id, error: err.message }),
  );
});
