import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RoundOption } from './round-option.entity.js';
import type { Round } from './round.entity.js';

export interface RecordedOption {
  id: string;
  label: string;
  description: string;
  position: number;
}

/** The options a round put on record: fixed when it opens, read back for its closing record. */
@Injectable()
export class RoundOptionsSnapshot {
  /**
   * Records the consultation's current (not retired) options for this round, once. Rounds opened before this
   * existed (seed, imports) get theirs at close; options cannot change while a round is open.
   */
  async ensure(tx: EntityManager, round: Round): Promise<void> {
    await tx.query(
      `INSERT INTO round_options (round_id, option_id, sort_order)
       SELECT $1, o.id, o.sort_order FROM options o
       WHERE o.consultation_id = $2 AND o.retired_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM round_options ro WHERE ro.round_id = $1)`,
      [round.id, round.consultationId],
    );
  }

  async list(tx: EntityManager, roundId: string): Promise<RecordedOption[]> {
    const rows: { id: string; label: string; description: string }[] = await tx.query(
      `SELECT o.id, o.label, o.description FROM round_options ro JOIN options o ON o.id = ro.option_id
       WHERE ro.round_id = $1 ORDER BY ro.sort_order, o.id`,
      [roundId],
    );
    return rows.map((r, i) => ({ id: r.id, label: r.label, description: r.description, position: i + 1 }));
  }

  /** The numbers of the rounds that have this option on record (empty: it may still be edited). */
  async roundsRecording(tx: EntityManager, optionId: string): Promise<number[]> {
    const rows: { number: number }[] = await tx.query(
      `SELECT r.number FROM ${tx.getRepository(RoundOption).metadata.tableName} ro
       JOIN rounds r ON r.id = ro.round_id WHERE ro.option_id = $1 ORDER BY r.number`,
      [optionId],
    );
    return rows.map((r) => r.number);
  }
}
