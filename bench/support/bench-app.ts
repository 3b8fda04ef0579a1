import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../../server/database/embedded-postgres.js';
import { benchDatabase } from './fresh-database.js';

export interface BenchApp {
  url: string;
  app: NestExpressApplication;
  db: DataSource;
  /** Which database the figures were measured on, for the report. */
  database: 'postgres (fresh database)' | 'embedded (PGlite)';
  close(): Promise<void>;
}

/**
 * Boots the real application on a loopback port for a benchmark, on the same database as the live-draft
 * benchmark (a fresh one on the PostgreSQL that benchDatabase names, dropped afterwards), else an in-memory
 * embedded PostgreSQL. Shared by every bench/*.ts file.
 */
export async function startBenchApp(): Promise<BenchApp> {
  let url: string;
  let database: BenchApp['database'];
  let cleanup: () => Promise<void> = async () => {};
  const fresh = await benchDatabase();
  if (fresh.url) {
    url = fresh.url;
    database = 'postgres (fresh database)';
    cleanup = fresh.drop;
  } else {
    const embedded = await startEmbeddedPostgres({ maxConnections: 40 });
    url = embedded.url;
    database = 'embedded (PGlite)';
    cleanup = () => embedded.stop();
  }
  Object.assign(process.env, {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    DATABASE_EMBEDDED: database.startsWith('embedded') ? 'true' : 'false',
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  });
  delete process.env.REDIS_URL;
  const { AppModule } = await import('../../server/app.module.js');
  const { configureApp } = await import('../../server/bootstrap.js');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    db: app.get(DataSource),
    database,
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

/** What each benchmark file returns; bench/run.ts prints them all as JSON and as a table. */
export interface BenchResult {
  name: string;
  /** Figure name → value; units in the name (e.g. `p99_ms`). */
  metrics: Record<string, number | string>;
  notes?: string;
}
