import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Refuses a second process on the same data folder: PGlite itself takes no lock. */
function takeLock(dir: string): () => void {
  const lockFile = join(dir, 'consulta.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `The embedded database in ${dir} is already in use by process ${pid}. ` +
            'Stop that process, or give this one another DATA_DIR or a DATABASE_URL.',
          { cause: err },
        );
      }
      // A stale lock from a process that died: take it over.
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts PGlite (PostgreSQL compiled to wasm) inside this process and exposes it on a loopback port, so the
 * app reaches it through the same `pg` driver and TypeORM code path as a real server.
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  // Loaded lazily: a deployment with DATABASE_URL never pays for the 27 MB of wasm.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');

  let releaseLock = () => {};
  let pgliteDir: string | undefined;
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    releaseLock = takeLock(dir);
    pgliteDir = join(dir, 'pglite');
  }
  try {
    const db = await PGlite.create(pgliteDir ? { dataDir: pgliteDir } : {});
    // pglite-socket serves one connection at a time per message; the pool must fit under this limit.
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: 0,
      maxConnections: options.maxConnections ?? 20,
    });
    await server.start();
    const address = server.getServerConn();
    return {
      url: `postgres://postgres:postgres@${address}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}
