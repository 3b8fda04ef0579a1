import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RecordHead {
  version: number;
  roundId: string;
  consultationId: string;
  number: number;
  closedAt: string;
  counts: unknown;
  digest: string;
  sections: { name: string; isList: boolean; length: number; value: unknown }[];
}

/**
 * Reads a sealed closing record out of its jsonb column piece by piece: the head, then each list section in
 * batches, so a round with ten thousand comments never sits whole in this process's memory.
 */
@Injectable()
export class ClosingRecordStream {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async head(roundId: string): Promise<RecordHead | null> {
    const [row]: {
      version: number;
      round_id: string;
      consultation_id: string;
      number: number;
      closed_at: string;
      counts: unknown;
      digest: string;
    }[] = await this.db.query(
      `SELECT (closing_record->>'version')::int AS version, closing_record->>'roundId' AS round_id,
         closing_record->>'consultationId' AS consultation_id, (closing_record->>'number')::int AS number,
         closing_record->>'closedAt' AS closed_at, closing_record->'counts' AS counts, closing_digest AS digest
       FROM rounds WHERE id = $1 AND closing_record IS NOT NULL`,
      [roundId],
    );
    if (!row) return null;
    const sections: { name: string; is_list: boolean; length: number; value: unknown }[] =
      await this.db.query(
        `SELECT s.key AS name, jsonb_typeof(s.value) = 'array' AS is_list,
         CASE WHEN jsonb_typeof(s.value) = 'array' THEN jsonb_array_length(s.value) ELSE 0 END AS length,
         CASE WHEN jsonb_typeof(s.value) = 'array' THEN NULL ELSE s.value END AS value
       FROM rounds r, jsonb_each(r.closing_record->'sections') s WHERE r.id = $1 ORDER BY s.key`,
        [roundId],
      );
    return {
      version: row.version,
      roundId: row.round_id,
      consultationId: row.consultation_id,
      number: row.number,
      closedAt: row.closed_at,
      counts: row.counts,
      digest: row.digest,
      sections: sections.map((s) => ({ name: s.name, isList: s.is_list, length: s.length, value: s.value })),
    };
  }

  /**
   * A list section's items in batches, each with the reader's view sealed for it at closing when the module
   * withheld something of it (`redaction`: the item's public fields, `redacted: true` and its hash).
   */
  async *items(
    roundId: string,
    section: string,
    size = 500,
  ): AsyncGenerator<{ item: unknown; redaction: unknown }[]> {
    for (let offset = 0; ; offset += size) {
      const rows: { item: unknown; redaction: unknown }[] = await this.db.query(
        `SELECT e.item, r.closing_record->'redactions'->$2->(e.item->>'id') AS redaction FROM rounds r,
           jsonb_array_elements(r.closing_record->'sections'->$2) WITH ORDINALITY AS e(item, i)
         WHERE r.id = $1 AND e.i > $3 ORDER BY e.i LIMIT $4`,
        [roundId, section, offset, size],
      );
      if (!rows.length) return;
      yield rows;
      if (rows.length < size) return;
    }
  }
}
