import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './support/bench-app.js';

/**
 * Runs every benchmark file beside this one (bench/<name>.ts compiled to dist/bench/<name>.js, each exporting
 * `run(): Promise<BenchResult[]>`), one after the other, then prints the figures as JSON and as a table.
 * `npm run bench -- positions` runs only the files whose name contains "positions".
 */
async function main() {
  const here = __dirname;
  const only = process.argv.slice(2);
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.js') && f !== 'run.js')
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const results: BenchResult[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as {
      run?: () => Promise<BenchResult[]>;
    };
    if (typeof mod.run !== 'function') continue;
    console.error(`Running ${file}…`);
    results.push(...(await mod.run()));
  }
  console.log(JSON.stringify({ machine: machine(), results }, null, 2));
  const rows = results.flatMap((r) =>
    Object.entries(r.metrics).map(([metric, value]) => ({ benchmark: r.name, metric, value })),
  );
  console.table(rows);
  process.exit(0);
}

/** Where the figures come from: a loaded shared machine gives slower numbers than an idle one. */
function machine() {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: cpus().length,
    loadAverage1m: Math.round(loadavg()[0] * 10) / 10,
    date: new Date().toISOString(),
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
