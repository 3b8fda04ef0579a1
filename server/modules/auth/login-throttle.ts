import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import ipaddr from 'ipaddr.js';
import { DomainError, RateLimited } from '../../common/errors.js';
import { AppConfig } from '../../config/app-config.service.js';
import { RedisService } from '../../integrations/redis/redis.service.js';

/** The client's address: `req.ip` honours only the trusted proxies set in bootstrap, so a forged X-Forwarded-For changes nothing. */
export const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * What an address is counted as: an IPv4 address (also when written IPv4-mapped, `::ffff:a.b.c.d`), or the
 * /64 an IPv6 address is in. A home or a hosted server is given a whole /64, so counting IPv6 addresses one
 * by one would give anyone 2^64 fresh budgets.
 */
export function throttledAddress(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  const prefix = (ip as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}

/** Fixed-window counters of failed sign-ins: in Redis when configured (so every node counts), else here. */
interface FailureCounter {
  counts(keys: string[]): Promise<number[]>;
  /** Adds one to each key; answers the new counts (atomically: parallel requests each see their own). */
  increment(keys: string[], windowMs: number): Promise<number[]>;
  reset(key: string): Promise<void>;
}

class MemoryCounter implements FailureCounter {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();

  async counts(keys: string[]) {
    const now = Date.now();
    return keys.map((k) => {
      const e = this.entries.get(k);
      return e && e.resetAt > now ? e.count : 0;
    });
  }

  async increment(keys: string[], windowMs: number) {
    const now = Date.now();
    // Forget finished windows now and then, so a stream of random emails cannot grow the map for ever.
    if (this.entries.size > 10_000) {
      for (const [k, e] of this.entries) if (e.resetAt <= now) this.entries.delete(k);
    }
    return keys.map((k) => {
      const e = this.entries.get(k);
      if (e && e.resetAt > now) return ++e.count;
      this.entries.set(k, { count: 1, resetAt: now + windowMs });
      return 1;
    });
  }

  async reset(key: string) {
    this.entries.delete(key);
  }
}

class RedisCounter implements FailureCounter {
  constructor(private readonly redis: NonNullable<RedisService['client']>) {}

  async counts(keys: string[]) {
    const values = await this.redis.mget(...keys);
    return values.map((v) => Number(v ?? 0));
  }

  async increment(keys: string[], windowMs: number) {
    const tx = this.redis.multi();
    // SET NX starts the window once; INCR keeps the expiry that SET gave the key.
    for (const k of keys) tx.set(k, 0, 'PX', windowMs, 'NX').incr(k);
    const replies = (await tx.exec()) ?? [];
    return keys.map((_, i) => Number(replies[2 * i + 1]?.[1] ?? 0));
  }

  async reset(key: string) {
    await this.redis.del(key);
  }
}

/**
 * Redis first; while Redis is unreachable, this node counts on its own rather than failing every sign-in
 * (a weaker limit for a while beats an outage of the front door).
 */
class ResilientCounter implements FailureCounter {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly local = new MemoryCounter();

  constructor(private readonly primary: FailureCounter) {}

  private async attempt<T>(work: (c: FailureCounter) => Promise<T>): Promise<T> {
    try {
      return await work(this.primary);
    } catch (err) {
      this.logger.warn(`Sign-in counters fall back to this node: ${(err as Error).message}`);
      return work(this.local);
    }
  }

  counts(keys: string[]) {
    return this.attempt((c) => c.counts(keys));
  }

  increment(keys: string[], windowMs: number) {
    return this.attempt((c) => c.increment(keys, windowMs));
  }

  reset(key: string) {
    return this.attempt((c) => c.reset(key));
  }
}

/**
 * Slows password guessing per account and per client address (OWASP, ASVS V2.2.1). Only failures count,
 * so people signing in from one office address are not locked out by each other's successes. An unknown
 * email is counted exactly like a known one, so the 429 never tells whether an account exists.
 */
@Injectable()
export class LoginThrottle {
  private readonly counter: FailureCounter;
  private readonly windowMs: number;
  private readonly maxPerAccount: number;
  private readonly maxPerAddress: number;

  constructor(config: AppConfig, redis: RedisService) {
    this.counter = redis.client ? new ResilientCounter(new RedisCounter(redis.client)) : new MemoryCounter();
    this.windowMs = config.get('LOGIN_THROTTLE_WINDOW_SECONDS') * 1000;
    this.maxPerAccount = config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT');
    this.maxPerAddress = config.get('LOGIN_MAX_FAILURES_PER_ADDRESS');
  }

  private keys(email: string, address: string) {
    return { account: `consulta:login:acct:${email}`, address: this.addressKey(address) };
  }

  private addressKey(address: string) {
    return `consulta:login:addr:${throttledAddress(address)}`;
  }

  /** Throws 429 when either counter is spent; checked before the password, so guessing stops at the limit. */
  async assertAllowed(email: string, address: string): Promise<void> {
    const k = this.keys(email, address);
    const [account, byAddress] = await this.counter.counts([k.account, k.address]);
    if (account >= this.maxPerAccount || byAddress >= this.maxPerAddress) {
      throw this.tooMany('Too many failed sign-in attempts', 'or reset your password');
    }
  }

  /**
   * Registration must say when an email already has an account (its owner then signs in instead), which is
   * the question someone collecting addresses asks: each such answer (a 409 from `register`) counts against
   * the client address like a failed sign-in, and the same limit stops it. Only the address: counting against
   * the account would let anyone lock its owner out by registering with their email. Requests sent in
   * parallel all pass the first check before any is counted: the count each gets back is what stops them.
   */
  async limitRegistration<T>(address: string, register: () => Promise<T>): Promise<T> {
    const key = this.addressKey(address);
    const [byAddress] = await this.counter.counts([key]);
    if (byAddress >= this.maxPerAddress) throw this.tooMany('Too many attempts from this address');
    try {
      return await register();
    } catch (err) {
      const taken = err instanceof DomainError && err.getStatus() === HttpStatus.CONFLICT;
      if (taken && (await this.counter.increment([key], this.windowMs))[0] > this.maxPerAddress) {
        throw this.tooMany('Too many attempts from this address');
      }
      throw err;
    }
  }

  private tooMany(what: string, alternative?: string): RateLimited {
    const minutes = Math.max(1, Math.ceil(this.windowMs / 60_000));
    const wait = `Wait ${minutes} minute${minutes > 1 ? 's' : ''} and try again`;
    return new RateLimited(
      `${what}. ${wait}${alternative ? `, ${alternative}` : ''}.`,
      Math.ceil(this.windowMs / 1000),
    );
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const k = this.keys(email, address);
    await this.counter.increment([k.account, k.address], this.windowMs);
  }

  /** A successful sign-in clears the account's counter (not the address's: one address, many accounts). */
  async recordSuccess(email: string, address: string): Promise<void> {
    await this.counter.reset(this.keys(email, address).account);
  }
}
