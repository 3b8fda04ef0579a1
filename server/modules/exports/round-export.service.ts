import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CLOSING_DIGEST_FIELDS, type RedactedItem } from '../../../shared/schemas/rounds.js';
import { EXPORT_FORMAT_VERSION } from '../../../shared/schemas/summaries.js';
import { toRoundView } from '../consultations/consultation.views.js';
import { PositionsQuery } from '../positions/positions.query.js';
import { DigestService } from '../summaries/digest/digest.service.js';
import { RoundDocuments } from '../summaries/round-documents.js';
import { SummaryVersionsService } from '../summaries/summary-versions.service.js';
import { DIGEST_RECIPE, withholdsContent } from '../rounds/closing-record.js';
import { ClosingRecordStream } from './closing-record.stream.js';
import { CommentsExportQuery } from './comments-export.query.js';
import type { ExportContext } from './export-access.service.js';
import { StreamWriter } from './stream-writer.js';

/**
 * The full record of a round as one JSON document (format: docs/export-format.md), written as it is read:
 * every list item on its own line, the large lists (comments, positions, the record's sections) in batches.
 */
@Injectable()
export class RoundExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly comments: CommentsExportQuery,
    private readonly positions: PositionsQuery,
    private readonly record: ClosingRecordStream,
    private readonly digest: DigestService,
    private readonly versions: SummaryVersionsService,
    private readonly documents: RoundDocuments,
  ) {}

  async stream(ctx: ExportContext, res: Response): Promise<void> {
    const { round, consultation, full } = ctx;
    const head = await this.record.head(round.id);
    const [commentCount, positionCount, moderation, threads] = await Promise.all([
      this.comments.count(round.id, full),
      ctx.talliesHidden
        ? 0
        : this.db
            .query(`SELECT count(*)::int AS n FROM positions WHERE round_id = $1 AND withdrawn_at IS NULL`, [
              round.id,
            ])
            .then((r: { n: number }[]) => r[0].n),
      this.moderationLog(round.id),
      this.threads(round.id),
    ]);
    const recordItems = head?.sections.reduce((n, s) => n + s.length, 0) ?? 0;
    const items = commentCount + positionCount + moderation.length + threads.length + recordItems;
    const out = StreamWriter.start(
      res,
      'application/json; charset=utf-8',
      `round-${round.number}-${round.id.slice(0, 8)}${full ? '-full' : ''}.json`,
      items,
    );
    await StreamWriter.run(res, async () => {
      const line = (v: unknown) => JSON.stringify(v);
      const options = await this.db.query(
        `SELECT id, label, description, sort_order AS "sortOrder" FROM options WHERE consultation_id = $1 ORDER BY sort_order, id`,
        [round.consultationId],
      );
      await out.write(
        `{"formatVersion":${EXPORT_FORMAT_VERSION},"kind":${line(full ? 'full' : 'public')},"exportedAt":${line(new Date().toISOString())},\n` +
          `"consultation":${line({ id: consultation.id, title: consultation.title, question: consultation.question, description: consultation.description, visibility: consultation.visibility })},\n` +
          `"round":${line(toRoundView(round))},\n"options":${line(options)},\n` +
          `"draft":${line(await this.documents.draftText(round))},\n`,
      );
      const digest = await this.digest.generate(round, { talliesHidden: ctx.talliesHidden });
      await out.write(`"digest":${line(digest)},\n`);
      const versions = await this.versions.list(round.id);
      const published = await Promise.all(versions.map((v) => this.versions.get(round.id, v.number)));
      await out.write(`"summaryVersions":${line(published)},\n`);
      await this.list(out, 'moderationLog', moderation);
      await this.list(out, 'threads', threads);
      await out.write(`"positionsHidden":${ctx.talliesHidden},"positions":[`);
      if (!ctx.talliesHidden) await this.items(out, this.positions.batches(round.id, {}));
      await out.write(`],\n"comments":[`);
      await this.items(out, this.comments.batches(round.id, full));
      await out.write(`],\n"closing":`);
      await this.closing(out, round.id, head, full);
      await out.write('}\n');
    });
  }

  /** Writes a list's items batch by batch, one per line, as they are read. */
  private async items(out: StreamWriter, batches: AsyncIterable<unknown[]>) {
    let first = true;
    for await (const batch of batches) {
      await out.write(
        batch.map((item, i) => `${first && i === 0 ? '' : ','}\n${JSON.stringify(item)}`).join(''),
      );
      first = false;
    }
  }

  private async list(out: StreamWriter, name: string, items: unknown[]) {
    await out.write(`"${name}":[${items.map((i) => `\n${JSON.stringify(i)}`).join(',')}],\n`);
  }

  /** The sealed record as stored (redacted in a public export), its digest, and how to recompute it. */
  private async closing(
    out: StreamWriter,
    roundId: string,
    head: Awaited<ReturnType<ClosingRecordStream['head']>>,
    full: boolean,
  ) {
    if (!head) return out.write('null');
    const redacted: string[] = [];
    const withheld: string[] = [];
    await out.write(
      `{"digest":${JSON.stringify(head.digest)},"algorithm":"sha256","digestOf":${JSON.stringify(CLOSING_DIGEST_FIELDS)},` +
        `"recipe":${JSON.stringify(DIGEST_RECIPE)},` +
        `"record":{"version":${head.version},"roundId":${JSON.stringify(head.roundId)},"consultationId":${JSON.stringify(head.consultationId)},` +
        `"number":${head.number},"closedAt":${JSON.stringify(head.closedAt)},"counts":${JSON.stringify(head.counts)},"sections":{`,
    );
    for (const [s, section] of head.sections.entries()) {
      await out.write(`${s ? ',' : ''}\n${JSON.stringify(section.name)}:`);
      if (!section.isList) {
        await out.write(JSON.stringify(section.value));
        continue;
      }
      await out.write('[');
      let first = true;
      for await (const batch of this.record.items(roundId, section.name)) {
        const chunk = batch.map(({ item, redaction }) => {
          // A reader's copy carries the view sealed at closing for items it leaves something out of (content, or
          // account ids only): their hash stands in for them.
          const view = full ? null : (redaction as RedactedItem | null);
          if (view) {
            const key = `${section.name}:${(item as { id: string }).id}`;
            redacted.push(key);
            if (withholdsContent(item, view)) withheld.push(key);
          }
          const text = `${first ? '' : ','}\n${JSON.stringify(view ?? item)}`;
          first = false;
          return text;
        });
        await out.write(chunk.join(''));
      }
      await out.write(']');
    }
    // A redacted item keeps its hash in the digest, so a reader's copy recomputes to the digest too.
    await out.write(
      `}},"redactedItems":${JSON.stringify(redacted)},"withheldItems":${JSON.stringify(withheld)},"verifiable":true}`,
    );
  }

  private moderationLog(roundId: string): Promise<unknown[]> {
    return this.db.query(
      `SELECT m.id, m.comment_id AS "commentId", m.action, m.reason, u.display_name AS moderator,
         to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
       FROM moderation_actions m LEFT JOIN users u ON u.id = m.moderator_id
       WHERE m.round_id = $1 ORDER BY m.created_at, m.id`,
      [roundId],
    );
  }

  /** Threads with their anchors (relative positions and quote), as stored. */
  private threads(roundId: string): Promise<unknown[]> {
    return this.db.query(
      `SELECT t.id, t.target, t.option_id AS "optionId", t.position_id AS "positionId", t.status,
         CASE WHEN t.anchor_start IS NULL THEN NULL ELSE json_build_object('start', t.anchor_start, 'end', t.anchor_end,
           'quote', json_build_object('exact', t.quote_exact, 'prefix', t.quote_prefix, 'suffix', t.quote_suffix)) END AS anchor,
         t.carried_from_thread_id AS "carriedFromThreadId",
         to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
       FROM threads t WHERE t.round_id = $1 ORDER BY t.created_at, t.id`,
      [roundId],
    );
  }
}
