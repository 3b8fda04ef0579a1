import { formatCollab, runCollabBenchmark } from './collab.bench.js';
import { startPeer } from './targets.js';

/** `node dist/bench/collab/main.js [peers]` runs the collaboration benchmark alone. */
async function main() {
  process.setMaxListeners(0);
  const peersOnly = process.argv[2] === 'peers';
  const result = await runCollabBenchmark(
    peersOnly
      ? [() => startPeer('relay'), () => startPeer('y-websocket'), () => startPeer('hocuspocus')]
      : undefined,
  );
  console.log(JSON.stringify(result, null, 2));
  console.log(formatCollab(result));
  process.exit(0);
}

void main();
