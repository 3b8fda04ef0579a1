import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { csvRecord, UTF8_BOM } from '../positions/csv.js';
import { COMMENT_COLUMNS, CommentsExportQuery, commentCells } from './comments-export.query.js';
import type { ExportContext } from './export-access.service.js';
import { StreamWriter } from './stream-writer.js';

/** A round's comments as CSV (positions' RFC 4180 writer, formula cells neutralised), streamed by batch. */
@Injectable()
export class CommentsCsvService {
  constructor(private readonly comments: CommentsExportQuery) {}

  async stream(ctx: ExportContext, res: Response): Promise<void> {
    const { round, full } = ctx;
    const out = StreamWriter.start(
      res,
      'text/csv; charset=utf-8; header=present',
      `comments-round-${round.number}-${round.id.slice(0, 8)}${full ? '-full' : ''}.csv`,
      await this.comments.count(round.id, full),
    );
    await StreamWriter.run(res, async () => {
      await out.write(UTF8_BOM + csvRecord([...COMMENT_COLUMNS]));
      for await (const batch of this.comments.batches(round.id, full))
        await out.write(batch.map((c) => csvRecord(commentCells(c))).join(''));
    });
  }
}
