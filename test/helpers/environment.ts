import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const IN_CI = process.env.CI === 'true';

/**
 * Whether an optional part of the machine is here. On a developer's machine a missing part skips its suite
 * with a plain line saying so; in CI (CI=true) its absence fails the run instead.
 */
function requirePart(name: string, present: boolean, hint: string): boolean {
  if (present) return true;
  if (IN_CI) throw new Error(`${name} is required in CI but is missing: ${hint}`);
  console.warn(`NOT RUN: ${name} is missing on this machine (${hint}); its tests were skipped.`);
  return false;
}

export const hasChromium = () =>
  requirePart('Chromium', existsSync(CHROMIUM_PATH), `install Debian's chromium or set CHROMIUM_PATH`);

export async function hasRedis(): Promise<boolean> {
  const url = process.env.REDIS_URL;
  let up = false;
  if (url) {
    const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    up = await r
      .connect()
      .then(() => r.ping())
      .then((p) => p === 'PONG')
      .catch(() => false);
    r.disconnect();
  }
  return requirePart('Redis', up, 'set REDIS_URL to a running Redis, e.g. redis://127.0.0.1:6379');
}
