/**
 * Preloaded (`node --expose-gc --require …/memory-probe.js`) into every server the collaboration benchmark
 * starts, so each one's memory is read the same way: on the benchmark's `memory?` message over IPC it runs a
 * full garbage collection and answers the data still alive: V8 heap in use, less compiled code and bytecode
 * (functions compiled or optimised while a crowd connects are shared by all, not held per connection), plus memory
 * outside the heap (Buffers, sockets' ArrayBuffers). Resident set size would count freed pages the allocator
 * keeps, which made per-connection figures swing by several times between runs.
 */
import { getHeapCodeStatistics } from 'node:v8';

interface MemoryProbeAnswer {
  liveBytes: number;
  /** The part of liveBytes outside the V8 heap (Buffers and other ArrayBuffers). */
  externalBytes: number;
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
    const { code_and_metadata_size, bytecode_and_metadata_size } = getHeapCodeStatistics();
    const code = code_and_metadata_size + bytecode_and_metadata_size;
    const answer: MemoryProbeAnswer = {
      liveBytes: m.heapUsed - code + m.external,
      externalBytes: m.external,
      rssBytes: m.rss,
    };
    process.send?.({ memory: answer });
  });
  // The channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
}

export type { MemoryProbeAnswer };
