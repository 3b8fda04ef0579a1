import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  db: DataSource;
  database: TestDatabase;
  close(): Promise<void>;
}

/** One JWT secret per test process, shared by every node it starts (as a cluster shares one). */
const JWT_SECRET = randomBytes(32).toString('hex');

/**
 * Boots the real application on port 0 against a fresh database (or the given one, to start a second node
 * on the same data), configured exactly as `main.ts` does.
 */
export async function createTestApp(
  options: { database?: TestDatabase; env?: Record<string, string | undefined> } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_EMBEDDED: database.kind === 'embedded' ? 'true' : 'false',
    // One connection on the embedded database, as in production (see server/prepare-environment.ts).
    DATABASE_POOL_SIZE: database.kind === 'embedded' ? '1' : '10',
    JWT_SECRET,
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    REDIS_URL: '',
    ...options.env,
  });
  for (const [k, v] of Object.entries(process.env)) if (v === '') delete process.env[k];
  const { AppModule } = await import('../../server/app.module.js');
  const { configureApp } = await import('../../server/bootstrap.js');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    port,
    db: app.get(DataSource),
    database,
    async close() {
      await (app as INestApplication).close();
      if (!options.database) await database.drop();
    },
  };
}
