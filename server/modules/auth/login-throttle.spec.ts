import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/app-config.service.js';
import type { RedisService } from '../../integrations/redis/redis.service.js';
import { LoginThrottle } from './login-throttle.js';

const config = {
  get: (key: string) =>
    ({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: 3,
      LOGIN_MAX_FAILURES_PER_ADDRESS: 5,
      LOGIN_THROTTLE_WINDOW_SECONDS: 60,
    })[key],
} as unknown as AppConfig;

const noRedis = { client: null } as unknown as RedisService;
/** A Redis whose every command fails, as when the server is down. */
const deadRedis = {
  client: {
    mget: () => Promise.reject(new Error('connection refused')),
    multi: () => ({ set: () => ({ incr: () => undefined }), exec: () => Promise.reject(new Error('down')) }),
    del: () => Promise.reject(new Error('down')),
  },
} as unknown as RedisService;

async function fail(throttle: LoginThrottle, email: string, address: string, times: number) {
  for (let i = 0; i < times; i++) await throttle.recordFailure(email, address);
}

describe('LoginThrottle', () => {
  it('refuses an account after its failures, from any address, with a 429', async () => {
    const throttle = new LoginThrottle(config, noRedis);
    await fail(throttle, 'a@example.org', '10.0.0.1', 3);
    await expect(throttle.assertAllowed('a@example.org', '10.0.0.9')).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
    });
    await expect(throttle.assertAllowed('b@example.org', '10.0.0.9')).resolves.toBeUndefined();
  });

  it('refuses an address after its failures, for any account', async () => {
    const throttle = new LoginThrottle(config, noRedis);
    for (let i = 0; i < 5; i++) await throttle.recordFailure(`user${i}@example.org`, '10.0.0.2');
    await expect(throttle.assertAllowed('new@example.org', '10.0.0.2')).rejects.toMatchObject({
      status: 429,
    });
    await expect(throttle.assertAllowed('new@example.org', '10.0.0.3')).resolves.toBeUndefined();
  });

  it('clears the account (not the address) on a successful sign-in', async () => {
    const throttle = new LoginThrottle(config, noRedis);
    await fail(throttle, 'c@example.org', '10.0.0.4', 2);
    await throttle.recordSuccess('c@example.org', '10.0.0.4');
    await fail(throttle, 'c@example.org', '10.0.0.5', 2);
    await expect(throttle.assertAllowed('c@example.org', '10.0.0.6')).resolves.toBeUndefined();
    await fail(throttle, 'd@example.org', '10.0.0.4', 3);
    await expect(throttle.assertAllowed('e@example.org', '10.0.0.4')).rejects.toMatchObject({ status: 429 });
  });

  it('keeps counting on this node when Redis is down, instead of failing every sign-in', async () => {
    const throttle = new LoginThrottle(config, deadRedis);
    await expect(throttle.assertAllowed('f@example.org', '10.0.0.7')).resolves.toBeUndefined();
    await fail(throttle, 'f@example.org', '10.0.0.7', 3);
    await expect(throttle.assertAllowed('f@example.org', '10.0.0.8')).rejects.toMatchObject({ status: 429 });
  });
});
