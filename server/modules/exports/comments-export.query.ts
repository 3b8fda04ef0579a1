import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VISIBLE_COMMENT } from '../summaries/digest/discussion.query.js';

export interface ExportedComment {
  id: string;
  threadId: string;
  threadTarget: string;
  passage: string | null;
  optionId: string | null;
  author: string | null;
  organisation: string | null;
  stakeholderGroup: string | null;
  region: string | null;
  state: string;
  official: boolean;
  body: string | null;
  hiddenReason: string | null;
  createdAt: string;
  editedAt: string | null;
  withdrawnAt: string | null;
}

/** The export's columns, in order (CSV header; the JSON export uses the camelCase keys above). */
export const COMMENT_COLUMNS = [
  'comment_id',
  'thread_id',
  'thread_target',
  'passage',
  'option_id',
  'author',
  'organisation',
  'stakeholder_group',
  'region',
  'state',
  'official',
  'body',
  'hidden_reason',
  'created_at',
  'edited_at',
  'withdrawn_at',
] as const;

export const commentCells = (c: ExportedComment) => [
  c.id,
  c.threadId,
  c.threadTarget,
  c.passage,
  c.optionId,
  c.author,
  c.organisation,
  c.stakeholderGroup,
  c.region,
  c.state,
  c.official,
  c.body,
  c.hiddenReason,
  c.createdAt,
  c.editedAt,
  c.withdrawnAt,
];

interface Row {
  id: string;
  thread_id: string;
  target: string;
  quote_exact: string | null;
  option_id: string | null;
  author: string | null;
  organisation: string | null;
  grp: string | null;
  region: string | null;
  state: string;
  official: boolean;
  body: string;
  hidden_reason: string | null;
  created_at: Date;
  edited_at: Date | null;
  withdrawn_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * A round's comments page by page (keyset on id), with their thread, author, organisation and group. The
 * public export reads only visible comments (the same condition as the digest); the full export reads all,
 * a withdrawn comment's text excepted (its author took it back).
 */
@Injectable()
export class CommentsExportQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async count(roundId: string, full: boolean): Promise<number> {
    const [{ n }]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM comments c WHERE c.round_id = $1 ${full ? '' : `AND ${VISIBLE_COMMENT}`}`,
      [roundId],
    );
    return n;
  }

  async *batches(roundId: string, full: boolean, size = 500): AsyncGenerator<ExportedComment[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Row[] = await this.db.query(
        `SELECT c.id, c.thread_id, t.target, t.quote_exact, t.option_id, u.display_name AS author,
           o.name AS organisation, COALESCE(u.stakeholder_group, o.stakeholder_group) AS grp,
           COALESCE(u.region, o.region) AS region, c.state, c.official, c.body, c.hidden_reason, c.created_at,
           c.edited_at, c.withdrawn_at
         FROM comments c JOIN threads t ON t.id = c.thread_id
         LEFT JOIN users u ON u.id = c.author_id LEFT JOIN organisations o ON o.id = u.organisation_id
         WHERE c.round_id = $1 AND c.id > $2 ${full ? '' : `AND ${VISIBLE_COMMENT}`}
         ORDER BY c.id LIMIT $3`,
        [roundId, after, size],
      );
      if (!rows.length) return;
      yield rows.map((r) => {
        const withdrawn = r.state === 'withdrawn' || r.withdrawn_at !== null;
        return {
          id: r.id,
          threadId: r.thread_id,
          threadTarget: r.target,
          passage: r.quote_exact,
          optionId: r.option_id,
          author: r.author,
          organisation: r.organisation,
          stakeholderGroup: r.grp,
          region: r.region,
          state: withdrawn ? 'withdrawn' : r.state,
          official: r.official,
          body: withdrawn ? null : r.body,
          hiddenReason: r.state === 'hidden' ? r.hidden_reason : null,
          createdAt: iso(r.created_at)!,
          editedAt: iso(r.edited_at),
          withdrawnAt: iso(r.withdrawn_at),
        };
      });
      if (rows.length < size) return;
      after = rows[rows.length - 1].id;
    }
  }
}
