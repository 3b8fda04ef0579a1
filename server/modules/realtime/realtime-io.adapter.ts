import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { RedisService } from '../../integrations/redis/redis.service.js';

/**
 * socket.io with the Redis adapter when REDIS_URL is set, so a broadcast on one node reaches the sockets of
 * every node. `destroyUpgrade: false` leaves /collab upgrades to our own router instead of engine.io
 * killing them after a second.
 */
export class RealtimeIoAdapter extends IoAdapter {
  constructor(private readonly appContext: INestApplicationContext) {
    super(appContext);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      destroyUpgrade: false,
      maxHttpBufferSize: 64 * 1024,
      cors: { origin: false },
    } as ServerOptions) as Server;
    const redis = this.appContext.get(RedisService);
    if (redis.enabled) {
      server.adapter(createAdapter(redis.createConnection('io-pub'), redis.createConnection('io-sub')));
    }
    return server;
  }
}
