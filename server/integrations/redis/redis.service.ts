import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config.service.js';

/**
 * Redis connections, when REDIS_URL is set: one for commands and publishing, and any number of
 * subscribers (a subscribed connection can issue no other command). Without REDIS_URL the node works alone.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  private readonly connections: Redis[] = [];
  readonly client: Redis | null;

  constructor(private readonly config: AppConfig) {
    this.client = config.redisUrl ? this.connect('client') : null;
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  /** A new connection for SUBSCRIBE, closed with the app. */
  createConnection(name: string): Redis {
    if (!this.config.redisUrl) throw new Error('Redis is not configured (REDIS_URL)');
    return this.connect(name);
  }

  private connect(name: string): Redis {
    const redis = new Redis(this.config.redisUrl!, {
      connectionName: `consulta-${name}`,
      maxRetriesPerRequest: 3,
    });
    redis.on('error', (err) => this.logger.warn(`Redis (${name}): ${err.message}`));
    this.connections.push(redis);
    return redis;
  }

  async ping(): Promise<boolean> {
    if (!this.client) return false;
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
