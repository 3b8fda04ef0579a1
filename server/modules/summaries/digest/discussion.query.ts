import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  MOST_DISCUSSED_PASSAGES,
  TOP_CONTRIBUTORS,
  type DiscussedPassageView,
  type DigestThreadView,
  type ParticipationView,
} from '../../../../shared/schemas/summaries.js';
import { UNSPECIFIED } from '../../../../shared/schemas/positions.js';

/**
 * The one condition for "a comment a reader may see": neither hidden by moderation nor withdrawn by its
 * author. Every digest, citation and public export query uses it, so moderated text never leaks by one door.
 */
export const VISIBLE_COMMENT = `c.state = 'visible' AND c.withdrawn_at IS NULL`;

/** Words in a comment: runs of non-space characters (scripts without spaces count per run). */
export const WORDS_SQL = `CASE WHEN btrim(c.body) = '' THEN 0 ELSE array_length(regexp_split_to_array(btrim(c.body), '\\s+'), 1) END`;

const EXCERPT = 280;
const MAX_LISTED_THREADS = 200;

export interface ThreadRow {
  id: string;
  target: string;
  status: 'open' | 'resolved';
  quote_exact: string | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  anchor_start: string | null;
  anchor_end: string | null;
  comments: number;
  first_body: string | null;
}

const excerpt = (s: string | null) =>
  s === null ? null : s.length > EXCERPT ? `${s.slice(0, EXCERPT)}…` : s;

/** Reads threads and comments of a round for the digest: only what readers can see counts. */
@Injectable()
export class DiscussionQuery {
  /** Passage threads with at least one visible comment, grouped by the passage they quote. */
  async mostDiscussed(m: EntityManager, roundId: string): Promise<DiscussedPassageView[]> {
    const rows: { quote: string; threads: number; comments: number; thread_ids: string[] }[] = await m.query(
      `SELECT t.quote_exact AS quote, count(DISTINCT t.id)::int AS threads, count(c.id)::int AS comments,
         array_agg(DISTINCT t.id::text) AS thread_ids
       FROM threads t JOIN comments c ON c.thread_id = t.id AND ${VISIBLE_COMMENT}
       WHERE t.round_id = $1 AND t.target = 'passage' AND t.quote_exact IS NOT NULL
       GROUP BY t.quote_exact
       ORDER BY threads DESC, comments DESC, quote ASC
       LIMIT $2`,
      [roundId, MOST_DISCUSSED_PASSAGES],
    );
    return rows.map((r) => ({
      quote: r.quote,
      threads: r.threads,
      comments: r.comments,
      threadIds: [...r.thread_ids].sort(),
    }));
  }

  /** Threads with at least one visible comment, with their first visible comment. */
  async threads(m: EntityManager, roundId: string, onlyOpen: boolean): Promise<ThreadRow[]> {
    return m.query(
      `SELECT t.id, t.target, t.status, t.quote_exact, t.quote_prefix, t.quote_suffix, t.anchor_start,
         t.anchor_end, v.comments, v.first_body
       FROM threads t
       JOIN LATERAL (
         SELECT count(*)::int AS comments,
           (array_agg(c.body ORDER BY c.created_at, c.id))[1] AS first_body
         FROM comments c WHERE c.thread_id = t.id AND ${VISIBLE_COMMENT}
       ) v ON v.comments > 0
       WHERE t.round_id = $1 ${onlyOpen ? `AND t.status = 'open'` : ''}
       ORDER BY t.created_at, t.id
       LIMIT $2`,
      [roundId, MAX_LISTED_THREADS],
    );
  }

  toThreadView(r: ThreadRow, anchorStatus: DigestThreadView['anchorStatus']): DigestThreadView {
    return {
      id: r.id,
      target: r.target,
      status: r.status,
      quote: r.quote_exact,
      anchorStatus,
      comments: r.comments,
      excerpt: excerpt(r.first_body),
    };
  }

  /**
   * Who took part: people with a visible comment or a current position (cast by them), by their stakeholder
   * group and region; and how concentrated the written input is (top five contributors' share of words).
   */
  async participation(m: EntityManager, roundId: string): Promise<ParticipationView> {
    const people: {
      user_id: string;
      commented: boolean;
      positioned: boolean;
      grp: string | null;
      region: string | null;
      organisation_id: string | null;
    }[] = await m.query(
      `WITH commenters AS (
         SELECT DISTINCT c.author_id AS user_id FROM comments c
         WHERE c.round_id = $1 AND ${VISIBLE_COMMENT} AND c.author_id IS NOT NULL),
       holders AS (
         SELECT DISTINCT p.cast_by_id AS user_id FROM positions p
         WHERE p.round_id = $1 AND p.withdrawn_at IS NULL)
       SELECT u.id AS user_id, (u.id IN (SELECT user_id FROM commenters)) AS commented,
         (u.id IN (SELECT user_id FROM holders)) AS positioned,
         COALESCE(u.stakeholder_group, o.stakeholder_group) AS grp, COALESCE(u.region, o.region) AS region,
         u.organisation_id
       FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
       WHERE u.id IN (SELECT user_id FROM commenters UNION SELECT user_id FROM holders)`,
      [roundId],
    );
    const byGroup: Record<string, number> = {};
    const byRegion: Record<string, number> = {};
    const orgs = new Set<string>();
    for (const p of people) {
      byGroup[p.grp ?? UNSPECIFIED] = (byGroup[p.grp ?? UNSPECIFIED] ?? 0) + 1;
      byRegion[p.region ?? UNSPECIFIED] = (byRegion[p.region ?? UNSPECIFIED] ?? 0) + 1;
      if (p.organisation_id) orgs.add(p.organisation_id);
    }
    const [totals]: { comments: number; words: number }[] = await m.query(
      `SELECT count(*)::int AS comments, COALESCE(sum(${WORDS_SQL}), 0)::int AS words
       FROM comments c WHERE c.round_id = $1 AND ${VISIBLE_COMMENT}`,
      [roundId],
    );
    const top: { name: string; words: number }[] = await m.query(
      `SELECT COALESCE(u.display_name, '') AS name, sum(${WORDS_SQL})::int AS words
       FROM comments c LEFT JOIN users u ON u.id = c.author_id
       WHERE c.round_id = $1 AND ${VISIBLE_COMMENT}
       GROUP BY c.author_id, u.display_name ORDER BY words DESC, c.author_id LIMIT $2`,
      [roundId, TOP_CONTRIBUTORS],
    );
    const topWords = top.reduce((n, t) => n + t.words, 0);
    const commenters = people.filter((p) => p.commented).length;
    return {
      participants: people.length,
      commenters,
      positionHolders: people.filter((p) => p.positioned).length,
      organisations: orgs.size,
      byGroup,
      byRegion,
      comments: totals.comments,
      commentWords: totals.words,
      topFiveWordShare:
        commenters > TOP_CONTRIBUTORS && totals.words > 0
          ? Math.round((topWords / totals.words) * 10_000) / 10_000
          : null,
      topContributors: top,
    };
  }
}
