import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { RedisService } from '../../integrations/redis/redis.service.js';
import { ACCESS_CHANGED, AccessChanged } from './access-events.js';

const CHANNEL = 'consulta:access-changed';

/**
 * Repeats `AccessChanged` on every node through Redis pub/sub, so a user's sockets are re-checked wherever
 * they are connected, not only on the node that handled the role change. Without Redis there is one node and
 * nothing to relay.
 */
@Injectable()
export class AccessEventsRelay implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccessEventsRelay.name);
  private readonly nodeId = randomUUID();

  constructor(
    private readonly redis: RedisService,
    private readonly events: EventEmitter2,
  ) {}

  async onApplicationBootstrap() {
    if (!this.redis.enabled) return;
    const sub = this.redis.createConnection('access-sub');
    sub.on('message', (_channel: string, raw: string) => {
      try {
        const msg = JSON.parse(raw) as { node: string; userId: string; consultationId: string | null };
        if (msg.node === this.nodeId) return;
        this.events.emit(ACCESS_CHANGED, new AccessChanged(msg.userId, msg.consultationId, true));
      } catch (err) {
        this.logger.warn(`Ignored a malformed access event: ${(err as Error).message}`);
      }
    });
    await sub.subscribe(CHANNEL);
  }

  @OnEvent(ACCESS_CHANGED)
  async relay(event: AccessChanged) {
    if (event.fromOtherNode || !this.redis.client) return;
    const msg = { node: this.nodeId, userId: event.userId, consultationId: event.consultationId };
    await this.redis.client.publish(CHANNEL, JSON.stringify(msg)).catch((err: Error) => {
      this.logger.warn(`Could not relay an access change: ${err.message}`);
    });
  }
}
