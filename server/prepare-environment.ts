import { parseEnv, type Env } from './config/env.schema.js';
import { loadOrCreateJwtSecret } from './config/secrets.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres.js';

/**
 * Resolves what the environment leaves open before Nest starts: the embedded database when no
 * DATABASE_URL is given, the JWT secret kept in the data folder, and SEED_DEMO's default. The results are
 * written back into process.env so the validated ConfigModule sees one complete environment.
 */
export async function prepareEnvironment(): Promise<{ env: Env; embedded?: EmbeddedPostgres }> {
  const env = parseEnv(process.env);
  let embedded: EmbeddedPostgres | undefined;
  if (!env.DATABASE_URL) {
    // pglite-socket feeds every connection into one backend and can interleave two connections' extended-
    // protocol messages ("unnamed prepared statement does not exist", electric-sql/pglite#1046). One pool
    // connection avoids it; the embedded database serialises queries anyway.
    if (!process.env.DATABASE_POOL_SIZE) process.env.DATABASE_POOL_SIZE = '1';
    embedded = await startEmbeddedPostgres({
      dataDir: env.DATA_DIR,
      maxConnections: env.DATABASE_POOL_SIZE + 10,
    });
    process.env.DATABASE_URL = embedded.url;
    process.env.DATABASE_EMBEDDED = 'true';
  }
  if (!env.JWT_SECRET) process.env.JWT_SECRET = loadOrCreateJwtSecret(env.DATA_DIR);
  if (env.SEED_DEMO === undefined) process.env.SEED_DEMO = embedded ? 'true' : 'false';
  return { env: parseEnv(process.env), embedded };
}
