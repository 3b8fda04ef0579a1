import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Protocol } from './clients.js';

/**
 * Milliseconds on the system's monotonic clock, the same in every thread (performance.now() is not: each
 * worker has its own time origin).
 */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

export interface ReaderWorkerData {
  nice: number;
}

export type ReaderRequest = { id: number } & (
  | {
      op: 'connect';
      protocol: Protocol;
      baseUrl: string;
      docName: string;
      headers: Record<string, string>;
      count: number;
    }
  | { op: 'watch'; firstSeq: number; lastSeq: number }
  | { op: 'collect'; timeoutMs: number }
  | { op: 'destroy' }
);

type Answer = { id: number; error?: string; arrivals?: Float64Array; busy?: number };

/** One edit's arrival at one reader: `[seq, monotonicMs]` pairs, flattened. */
export type Arrivals = Float64Array;

/**
 * The benchmark's readers, spread over worker threads. Real readers sit on their own machines and each
 * applies an edit to its own document; hundreds of them in one thread apply it one after another, so the last
 * one's latency would hold the whole crowd's work on the client side and the tail would measure the load
 * generator, not the server. Threads let the crowd use the cores the server under test leaves idle.
 */
export class ReaderPool {
  private readonly workers: Worker[];
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(a: Answer): void; reject(e: Error): void }>();
  /** Set once a thread died: every request after that fails at once instead of waiting for ever. */
  private failure: Error | null = null;

  constructor(threads: number, nice: number) {
    if (!Number.isInteger(threads) || threads < 1)
      throw new Error(`reader threads: ${threads} is not a count`);
    const data: ReaderWorkerData = { nice };
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(join(__dirname, 'reader-worker.js'), { workerData: data });
      worker.on('message', (a: Answer) => {
        const w = this.waiting.get(a.id);
        this.waiting.delete(a.id);
        if (a.error) w?.reject(new Error(a.error));
        else w?.resolve(a);
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => this.fail(new Error(`a reader thread exited (${code})`)));
      worker.unref();
      return worker;
    });
  }

  private fail(err: Error) {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  /** Connects n more readers, split evenly over the threads, and waits until each is synced. */
  async connect(
    protocol: Protocol,
    baseUrl: string,
    docName: string,
    headers: Record<string, string>,
    n: number,
  ) {
    await this.all((i) => {
      const count = Math.floor(n / this.workers.length) + (i < n % this.workers.length ? 1 : 0);
      return { op: 'connect', protocol, baseUrl, docName, headers, count };
    });
  }

  /** From now on, every reader records when it applies edits firstSeq…lastSeq. */
  async watch(firstSeq: number, lastSeq: number) {
    await this.all(() => ({ op: 'watch', firstSeq, lastSeq }));
  }

  /**
   * Waits until every reader has every edit (or the time is up): what arrived, and how busy the busiest
   * thread was meanwhile (0–1; near 1, the readers queue on the client side and the latencies measure that).
   */
  async collect(timeoutMs: number): Promise<{ arrivals: Arrivals[]; busiest: number }> {
    const answers = await this.all(() => ({ op: 'collect', timeoutMs }));
    return {
      arrivals: answers.map((a) => a.arrivals ?? new Float64Array(0)),
      busiest: Math.max(...answers.map((a) => a.busy ?? 0)),
    };
  }

  async destroyReaders() {
    await this.all(() => ({ op: 'destroy' }));
  }

  async close() {
    this.failure ??= new Error('the reader pool is closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private all(request: (i: number) => Omit<ReaderRequest, 'id'>): Promise<Answer[]> {
    if (this.failure) return Promise.reject(this.failure);
    return Promise.all(
      this.workers.map(
        (worker, i) =>
          new Promise<Answer>((resolve, reject) => {
            const id = ++this.nextId;
            this.waiting.set(id, { resolve, reject });
            worker.postMessage({ ...request(i), id });
          }),
      ),
    );
  }
}
