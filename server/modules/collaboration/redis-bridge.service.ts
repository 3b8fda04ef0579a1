import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { randomUUID } from 'node:crypto';
import { RedisService } from '../../integrations/redis/redis.service.js';

const DOC_CHANNEL = 'collab:doc:';
const CONTROL_CHANNEL = 'collab:control';
const KIND = { UPDATE: 0, AWARENESS: 1 } as const;

/** Rights changes every node must apply to its own connections. */
export type ControlMessage =
  | { type: 'roundClosed'; roundId: string }
  | { type: 'recheckUser'; userId: string; consultationId: string | null }
  | { type: 'sessionsRevoked'; userId: string; sessionIds: string[] };

/**
 * Relays committed updates and awareness between nodes (7e): one channel per document, binary messages
 * `[kind][nodeId][payload]`, a node ignores its own. Nothing is durable only here: an update is published
 * after its row committed, with the row id, and a node that missed it finds the row in PostgreSQL
 * (periodic catch-up, and at once when the subscriber reconnects). Without REDIS_URL every call is a no-op.
 */
@Injectable()
export class CollabRedisBridge implements OnApplicationShutdown {
  private readonly logger = new Logger(CollabRedisBridge.name);
  private readonly nodeId = randomUUID();
  private readonly pub: Redis | null;
  private readonly sub: Redis | null;
  /** Messages for a document that arrive while it loads go to its buffer instead. */
  private readonly buffers = new Map<string, (rowId: string, update: Uint8Array) => void>();
  onUpdate: (docName: string, rowId: string, update: Uint8Array) => void = () => undefined;
  onAwareness: (docName: string, update: Uint8Array) => void = () => undefined;
  onResubscribed: () => void = () => undefined;
  onControl: (msg: ControlMessage) => void = () => undefined;

  constructor(redis: RedisService) {
    this.pub = redis.client;
    this.sub = redis.enabled ? redis.createConnection('collab-sub') : null;
    if (!this.sub) return;
    let connectedBefore = false;
    this.sub.on('ready', () => {
      // ioredis re-subscribes by itself; whatever was published meanwhile is fetched from PostgreSQL.
      if (connectedBefore) this.onResubscribed();
      connectedBefore = true;
    });
    void this.sub.subscribe(CONTROL_CHANNEL).catch((err: Error) => this.logger.warn(err.message));
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString(), message),
    );
  }

  get enabled(): boolean {
    return this.sub !== null;
  }

  async subscribe(docName: string, buffer: (rowId: string, update: Uint8Array) => void): Promise<void> {
    if (!this.sub) return;
    this.buffers.set(docName, buffer);
    await this.sub.subscribe(DOC_CHANNEL + docName);
  }

  /** The document is loaded: its messages go to the live handlers from now on. */
  release(docName: string) {
    this.buffers.delete(docName);
  }

  async unsubscribe(docName: string): Promise<void> {
    this.buffers.delete(docName);
    if (this.sub) await this.sub.unsubscribe(DOC_CHANNEL + docName);
  }

  publishUpdate(docName: string, rowId: string, update: Uint8Array) {
    if (!this.pub) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, KIND.UPDATE);
    encoding.writeVarString(e, this.nodeId);
    encoding.writeVarString(e, rowId);
    encoding.writeVarUint8Array(e, update);
    this.publish(DOC_CHANNEL + docName, Buffer.from(encoding.toUint8Array(e)));
  }

  publishAwareness(docName: string, update: Uint8Array) {
    if (!this.pub) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, KIND.AWARENESS);
    encoding.writeVarString(e, this.nodeId);
    encoding.writeVarUint8Array(e, update);
    this.publish(DOC_CHANNEL + docName, Buffer.from(encoding.toUint8Array(e)));
  }

  /** Sends a rights change to the other nodes (this node applies it itself). */
  publishControl(msg: ControlMessage) {
    if (!this.pub) return;
    this.publish(CONTROL_CHANNEL, Buffer.from(JSON.stringify({ ...msg, nodeId: this.nodeId })));
  }

  private publish(channel: string, message: Buffer) {
    this.pub!.publish(channel, message).catch((err: Error) =>
      this.logger.warn(`Publish failed: ${err.message}`),
    );
  }

  private receive(channel: string, message: Buffer) {
    try {
      if (channel === CONTROL_CHANNEL) {
        const msg = JSON.parse(message.toString()) as ControlMessage & { nodeId: string };
        if (msg.nodeId !== this.nodeId) this.onControl(msg);
        return;
      }
      if (!channel.startsWith(DOC_CHANNEL)) return;
      const docName = channel.slice(DOC_CHANNEL.length);
      const d = decoding.createDecoder(
        new Uint8Array(message.buffer, message.byteOffset, message.byteLength),
      );
      const kind = decoding.readVarUint(d);
      if (decoding.readVarString(d) === this.nodeId) return;
      if (kind === KIND.UPDATE) {
        const rowId = decoding.readVarString(d);
        const update = decoding.readVarUint8Array(d);
        const buffer = this.buffers.get(docName);
        if (buffer) buffer(rowId, update);
        else this.onUpdate(docName, rowId, update);
      } else if (kind === KIND.AWARENESS && !this.buffers.has(docName)) {
        this.onAwareness(docName, decoding.readVarUint8Array(d));
      }
    } catch (err) {
      this.logger.warn(`Ignored a malformed message on ${channel}: ${(err as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // The connections themselves are closed by RedisService.
    this.buffers.clear();
  }
}
