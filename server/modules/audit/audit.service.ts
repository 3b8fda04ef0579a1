import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson } from '../../../shared/canonical-json.js';
import { AuditEvent } from './audit-event.entity.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  consultationId?: string | null;
  actorId?: string | null;
  action: string;
  payload?: Record<string, unknown>;
}

export interface ChainVerification {
  valid: boolean;
  events: number;
  /** The first event whose stored hash or link does not match, when the chain is broken. */
  firstBrokenEventId?: string;
  reason?: string;
}

function eventHash(prevHash: string, e: Omit<AuditEvent, 'id' | 'hash' | 'prevHash'>): string {
  const body = canonicalJson({
    consultationId: e.consultationId,
    actorId: e.actorId,
    action: e.action,
    payload: e.payload,
    createdAt: e.createdAt,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** The append-only, hash-chained audit log. One chain for the whole platform. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Appends an event inside the caller's transaction, so the event exists exactly when the change does.
   * An advisory lock serialises appenders: the chain must stay a line, even with several nodes.
   */
  async append(manager: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
    if (!manager.queryRunner?.isTransactionActive) {
      return this.db.transaction((tx) => this.append(tx, entry));
    }
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('consulta.audit_chain'))`);
    const last = await manager.getRepository(AuditEvent).find({ order: { id: 'DESC' }, take: 1 });
    const prevHash = last[0]?.hash ?? GENESIS_HASH;
    // Millisecond precision, as PostgreSQL's timestamptz keeps microseconds we never hash.
    const createdAt = new Date(Math.floor(Date.now()));
    const event = manager.getRepository(AuditEvent).create({
      consultationId: entry.consultationId ?? null,
      actorId: entry.actorId ?? null,
      action: entry.action,
      payload: entry.payload ?? {},
      createdAt,
      prevHash,
    });
    event.hash = eventHash(prevHash, event);
    return manager.getRepository(AuditEvent).save(event);
  }

  async list(consultationId: string, limit = 200): Promise<AuditEvent[]> {
    return this.db.getRepository(AuditEvent).find({
      where: { consultationId },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** Walks the whole chain and names the first event that does not match. */
  async verify(): Promise<ChainVerification> {
    const repo = this.db.getRepository(AuditEvent);
    let prevHash = GENESIS_HASH;
    let count = 0;
    let lastId = '0';
    for (;;) {
      const batch = await repo
        .createQueryBuilder('e')
        .where('e.id > :lastId', { lastId })
        .orderBy('e.id', 'ASC')
        .take(1000)
        .getMany();
      if (batch.length === 0) break;
      for (const e of batch) {
        count++;
        if (e.prevHash !== prevHash) {
          return {
            valid: false,
            events: count,
            firstBrokenEventId: e.id,
            reason: 'link to the previous event broken',
          };
        }
        if (eventHash(prevHash, e) !== e.hash) {
          return {
            valid: false,
            events: count,
            firstBrokenEventId: e.id,
            reason: 'content does not match its hash',
          };
        }
        prevHash = e.hash;
        lastId = e.id;
      }
    }
    return { valid: true, events: count };
  }
}
