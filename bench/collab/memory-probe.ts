/**
 * Preloaded (`node --expose-gc --require …/memory-probe.js`) into every server the collaboration benchmark
 * starts, so each one's memory is read the same way: on the benchmark's `memory?` message over IPC it runs a
 * full garbage collection and answers the data still alive: V8 heap in use, less compiled code (the JIT
 * optimising a hot path while a crowd connects is shared by all, not held per connection), plus memory
 * outside the heap (Buffers, sockets' ArrayBuffers). Resident set size would count freed pages the allocator
 * keeps, which made per-connection figures swing by several times between runs.
 */
import { getHeapSpaceStatistics } from 'node:v8';

interface MemoryProbeAnswer {
  liveBytes: number;
  rssBytes: number;
}

if (process.send) {
  process.on('message', (message: unknown) => {
    if (message !== 'memory?') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    // Twice: the first pass can leave objects that only become unreachable once finalizers have run.
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    const code = getHeapSpaceStatistics()
      .filter((space) => space.space_name.startsWith('code_'))
      .reduce((n, space) => n + space.space_used_size, 0);
    const answer: MemoryProbeAnswer = { liveBytes: m.heapUsed - code + m.external, rssBytes: m.rss };
    process.send?.({ memory: answer });
  });
  // The channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
}

export type { MemoryProbeAnswer };
