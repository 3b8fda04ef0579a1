import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database.options.js';

/** The DataSource the TypeORM CLI uses (`npm run migration:generate` / `migration:run`). */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'DATABASE_URL must be set for the migration commands (e.g. postgres://postgres@127.0.0.1/consulta)',
  );
  process.exit(1);
}
export default new DataSource({ ...databaseOptions(url), migrationsRun: false });
