/**
 * Runs once before every project. Test files each create their own database (test/helpers/database.ts);
 * this only says which database they will use, so a run's log shows it.
 */
export default function setup() {
  const target = process.env.TEST_DATABASE_URL
    ? 'PostgreSQL at TEST_DATABASE_URL'
    : 'embedded PostgreSQL (PGlite)';
  console.log(`Consulta tests: each test file gets a fresh database on ${target}.`);
}
