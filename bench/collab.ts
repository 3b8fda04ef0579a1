import type { BenchResult } from './support/bench-app.js';
import { formatCollab, runCollabBenchmark } from './collab/collab.bench.js';
import { round } from './support/figures.js';

/**
 * The collaboration server against its peers (a plain relay, the y-websocket reference server, Hocuspocus),
 * all in one run so the ratios compare like with like on this machine.
 */
export async function run(): Promise<BenchResult[]> {
  const b = await runCollabBenchmark();
  console.error(formatCollab(b));
  const results: BenchResult[] = b.fanout.map((r) => ({
    name: `collab fan-out: ${r.target}, ${r.readers} readers`,
    metrics: {
      edits_per_s: round(r.rate),
      p50_ms: round(r.p50),
      p95_ms: round(r.p95),
      p99_ms: round(r.p99),
      delivered_per_s: Math.round(r.deliveredPerSecond),
      cpu_us_per_delivery: round(r.cpuPerDeliveryUs),
      kib_per_connection_live: round(r.memoryPerConnection / 1024),
      kib_per_connection_rss: round(r.rssPerConnection / 1024),
      runs: r.runs,
      lost: r.lost,
      client_busy_percent: Math.round(r.clientBusy * 100),
      arrival_s: round(r.arrivalMs / 1000, 2),
      arrival_cpu_ms_per_reader: round(r.arrivalCpuMsPerReader, 2),
    },
    notes: b.notes[r.target],
  }));
  for (const r of b.load) {
    results.push({
      name: `collab load: ${r.target}, ${r.historyEdits} edits of history`,
      metrics: {
        loaded_ms: round(r.warmLoadMs),
        after_unload_ms: r.coldLoadMs === null ? 'n/a' : round(r.coldLoadMs),
      },
    });
  }
  if (b.commit) {
    results.push({
      name: 'collab: one commit on the PostgreSQL under test',
      metrics: {
        back_to_back_ms: round(b.commit.backToBackMs, 2),
        after_20ms_idle_ms: round(b.commit.afterIdleMs, 2),
      },
    });
  }
  results.push({
    name: 'collab ratios (Consulta ÷ peer)',
    metrics: Object.fromEntries(Object.entries(b.ratios).map(([k, v]) => [k, round(v, 2)])),
  });
  return results;
}
