import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './naming.strategy.js';

export function databaseOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS as DataSourceOptions['migrations'],
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built in since PostgreSQL 13 and in PGlite; uuid-ossp needs superuser rights.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Idle connections are kept (pg closes them after 10 s by default): a crowd arriving at a live draft then
    // finds them open instead of paying for new ones, and the process's memory does not swing with the pool.
    extra: { max: poolSize, idleTimeoutMillis: 0 },
  };
}
