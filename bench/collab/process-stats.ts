import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system, ms) a process has used so far, read from /proc. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/**
 * Waits until a server has gone quiet: no CPU time (beyond one clock tick) over `windowMs`, or `maxMs` at
 * most. What a server still does after its clients are done (the arrivals' presence and initial sync going
 * out, the closes of a crowd that left) would otherwise fall into the next reading; a fixed pause long
 * enough for the slowest server made every run wait for it.
 */
export async function waitForQuiet(pid: number, { windowMs = 200, maxMs = 2000 } = {}): Promise<void> {
  const until = performance.now() + maxMs;
  let before = cpuMs(pid);
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = cpuMs(pid);
    if (now - before <= 1000 / TICKS_PER_SECOND) return;
    before = now;
  }
}
