import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A new database of its own on the PostgreSQL at `adminUrl` (a connection allowed to create databases), for one
 * benchmark; `drop` removes it, whoever is still connected.
 */
export async function freshDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `consulta_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A fresh database on the PostgreSQL the environment names (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
 * DATABASE_URL), or none: the benchmark then runs on the embedded database. Every benchmark file uses this.
 */
export async function benchDatabase(): Promise<{ url?: string; drop(): Promise<void> }> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  return admin ? freshDatabase(admin) : { drop: async () => {} };
}
