import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ArchiveEntryView } from '../../../shared/schemas/summaries.js';

interface Row {
  consultation_id: string;
  title: string;
  question: string;
  round_id: string;
  number: number;
  closed_at: Date | null;
  closing_digest: string | null;
  versions: number;
}

/**
 * The public archive: every closed round of every public consultation, with how many summary versions were
 * published. Everything it links to (records, verification, versions) is already readable by anyone.
 */
@ApiTags('archive')
@Controller('archive')
export class ArchiveController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Closed rounds and published summaries of public consultations' })
  async list(): Promise<ArchiveEntryView[]> {
    const rows: Row[] = await this.db.query(
      `SELECT c.id AS consultation_id, c.title, c.question, r.id AS round_id, r.number, r.closed_at,
         r.closing_digest, (SELECT count(*)::int FROM summary_versions v WHERE v.round_id = r.id) AS versions
       FROM consultations c JOIN rounds r ON r.consultation_id = c.id
       WHERE c.visibility = 'public' AND r.status = 'closed'
       ORDER BY r.closed_at DESC NULLS LAST, c.id, r.number`,
    );
    const byConsultation = new Map<string, ArchiveEntryView>();
    for (const r of rows) {
      let entry = byConsultation.get(r.consultation_id);
      if (!entry)
        byConsultation.set(
          r.consultation_id,
          (entry = { consultationId: r.consultation_id, title: r.title, question: r.question, rounds: [] }),
        );
      entry.rounds.push({
        roundId: r.round_id,
        number: r.number,
        closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
        closingDigest: r.closing_digest,
        summaryVersions: r.versions,
      });
    }
    for (const e of byConsultation.values()) e.rounds.sort((a, b) => a.number - b.number);
    return [...byConsultation.values()];
  }
}
