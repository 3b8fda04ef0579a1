import { once } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { ListPositionsQuery, PositionView } from '../../../shared/schemas/positions.js';
import { forbidden } from '../../common/errors.js';
import type { Principal } from '../policy/principal.js';
import { csvRecord, UTF8_BOM } from './csv.js';
import { PositionsQuery } from './positions.query.js';
import { HIDDEN_TALLIES_MESSAGE, RoundReadAccess } from './round-read-access.service.js';

/** The export's columns, in order; the JSON export uses the same names. */
export const EXPORT_COLUMNS = [
  'position_id',
  'option_id',
  'actor_key',
  'capacity',
  'actor',
  'organisation',
  'stakeholder_group',
  'membership',
  'country',
  'region',
  'stance',
  'preferred',
  'rationale',
  'cast_by',
  'version',
  'created_at',
  'updated_at',
] as const;

type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null>;

function toRecord(p: PositionView): ExportRecord {
  return {
    position_id: p.id,
    option_id: p.optionId,
    actor_key: p.actorKey,
    capacity: p.capacity,
    actor: p.actorName,
    organisation: p.organisationName,
    stakeholder_group: p.stakeholderGroup,
    membership: p.membership,
    country: p.country,
    region: p.region,
    stance: p.stance,
    preferred: p.preferred,
    rationale: p.rationale,
    cast_by: p.castByName,
    version: p.version,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

/**
 * Streams a round's positions as CSV or JSON, page by page with backpressure: memory stays flat however large
 * the round. Readers from whom the consultation hides tallies get a 403 rather than a file that looks empty.
 */
@Injectable()
export class PositionsExportService {
  constructor(
    private readonly readAccess: RoundReadAccess,
    private readonly query: PositionsQuery,
  ) {}

  async stream(
    principal: Principal | null,
    roundId: string,
    filters: ListPositionsQuery,
    format: 'csv' | 'json',
    res: Response,
  ): Promise<void> {
    const { round, talliesHidden } = await this.readAccess.load(principal, roundId);
    if (talliesHidden) throw forbidden(HIDDEN_TALLIES_MESSAGE);
    const filename = `positions-round-${round.number}-${round.id.slice(0, 8)}.${format}`;
    res.status(200);
    res.setHeader(
      'Content-Type',
      format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
    );
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    const write = async (chunk: string) => {
      if (!res.write(chunk)) await once(res, 'drain');
    };
    try {
      if (format === 'csv') await write(UTF8_BOM + csvRecord([...EXPORT_COLUMNS]));
      else
        await write(
          `{"roundId":${JSON.stringify(round.id)},"roundNumber":${round.number},"roundStatus":${JSON.stringify(round.status)},"positions":[`,
        );
      let first = true;
      for await (const batch of this.query.batches(roundId, filters)) {
        let chunk = '';
        for (const p of batch) {
          const record = toRecord(p);
          if (format === 'csv') chunk += csvRecord(EXPORT_COLUMNS.map((c) => record[c]));
          else {
            chunk += (first ? '' : ',') + JSON.stringify(record);
            first = false;
          }
        }
        await write(chunk);
      }
      if (format === 'json') await write(']}');
      res.end();
    } catch (err) {
      // Headers are gone: the only honest signal left is a cut connection, never a truncated "complete" file.
      res.destroy(err as Error);
    }
  }
}
