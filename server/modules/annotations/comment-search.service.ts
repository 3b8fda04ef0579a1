import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { StakeholderGroup } from '../../../shared/domain.js';
import type { CommentSearchHit } from '../../../shared/schemas/annotations.js';
import type { Principal } from '../policy/principal.js';
import { Comment } from './comment.entity.js';
import { loadPeople } from './people.js';
import { RoundAccess } from './round-access.js';
import { toCommentView } from './thread-views.js';

export interface CommentSearch {
  q: string;
  status?: 'open' | 'resolved';
  optionId?: string;
  group?: StakeholderGroup;
}

/**
 * Full-text search over a round's comments with PostgreSQL (`to_tsvector('simple', body)`, GIN-indexed):
 * 'simple' because the comments come in six languages and none should be stemmed as English. Hidden comments
 * are searched only for moderators; withdrawn ones have no words left to find.
 */
@Injectable()
export class CommentSearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: RoundAccess,
  ) {}

  async search(principal: Principal | null, roundId: string, s: CommentSearch): Promise<CommentSearchHit[]> {
    const scope = await this.access.scope(principal, roundId);
    const rows: {
      id: string;
      thread_status: 'open' | 'resolved';
      option_id: string | null;
      quote_exact: string | null;
      excerpt: string;
      rank: number;
    }[] = await this.db.query(
      `SELECT c.id, t.status AS thread_status, t.option_id, t.quote_exact,
              ts_headline('simple', c.body, q, 'StartSel=«,StopSel=»,MaxWords=30,MinWords=10') AS excerpt,
              ts_rank(to_tsvector('simple', c.body), q) AS rank
         FROM comments c
         JOIN threads t ON t.id = c.thread_id
         LEFT JOIN users u ON u.id = c.author_id
         LEFT JOIN organisations o ON o.id = u.organisation_id,
              websearch_to_tsquery('simple', $2) q
        WHERE c.round_id = $1
          AND to_tsvector('simple', c.body) @@ q
          AND (c.state = 'visible' OR (c.state = 'hidden' AND $3::boolean))
          AND ($4::text IS NULL OR t.status = $4)
          AND ($5::uuid IS NULL OR t.option_id = $5)
          AND ($6::text IS NULL OR COALESCE(o.stakeholder_group, u.stakeholder_group) = $6)
        ORDER BY rank DESC, c.created_at ASC
        LIMIT 50`,
      [roundId, s.q, scope.moderator, s.status ?? null, s.optionId ?? null, s.group ?? null],
    );
    if (rows.length === 0) return [];
    const comments = await this.db.getRepository(Comment).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(comments.map((c) => [c.id, c]));
    const people = await loadPeople(
      this.db.manager,
      comments.flatMap((c) => [c.authorId, ...c.mentionIds]),
    );
    const viewer = { userId: principal?.userId ?? null, moderator: scope.moderator };
    return rows.map((r) => {
      const c = byId.get(r.id)!;
      return {
        comment: toCommentView(c, people, viewer),
        threadId: c.threadId,
        threadStatus: r.thread_status,
        optionId: r.option_id,
        quote: r.quote_exact,
        excerpt: r.excerpt,
        rank: Number(r.rank),
      };
    });
  }
}
