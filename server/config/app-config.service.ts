import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from './env.schema.js';

/** Typed access to the validated environment. */
@Injectable()
export class AppConfig {
  constructor(private readonly config: ConfigService<Env, true>) {}

  get<K extends keyof Env>(key: K): Env[K] {
    return this.config.get(key, { infer: true });
  }

  get databaseUrl(): string {
    const url = this.get('DATABASE_URL');
    if (!url) throw new Error('DATABASE_URL is resolved before the app module starts');
    return url;
  }

  get jwtSecret(): string {
    const secret = this.get('JWT_SECRET');
    if (!secret) throw new Error('JWT_SECRET is resolved before the app module starts');
    return secret;
  }

  get redisUrl(): string | undefined {
    return this.get('REDIS_URL');
  }
}
