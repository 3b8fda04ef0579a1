// Rewrites server/database/migrations/index.ts from the migration files present, in timestamp order.
// Several branches add migrations at once; regenerating the list is how their merges are resolved.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'server/database/migrations';
const files = readdirSync(dir)
  .filter((f) => /^\d+-.+\.ts$/.test(f) && !f.endsWith('.spec.ts'))
  .sort();
const entries = files.map((f) => {
  const cls = /export class (\w+)/.exec(readFileSync(join(dir, f), 'utf8'))[1];
  return { cls, file: f.replace(/\.ts$/, '.js') };
});
writeFileSync(
  join(dir, 'index.ts'),
  entries.map((e) => `import { ${e.cls} } from './${e.file}';`).join('\n') +
    '\n\n/** Every migration, in order. Listed by class so the same list works compiled and under vitest. */\n' +
    `export const MIGRATIONS: (new () => unknown)[] = [\n${entries.map((e) => `  ${e.cls},`).join('\n')}\n];\n`,
);
console.log(`${entries.length} migrations listed`);
