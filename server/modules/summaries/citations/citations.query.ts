import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Stance } from '../../../../shared/domain.js';
import type { CitationCandidate, CitationKind, CitationView } from '../../../../shared/schemas/summaries.js';
import { VISIBLE_COMMENT } from '../digest/discussion.query.js';

interface Row {
  id: string;
  round_id: string;
  consultation_id: string;
  state: string;
  quote: string | null;
  author: string | null;
  organisation: string | null;
  stakeholder_group: string | null;
  stance?: Stance;
  option_label?: string;
}

/** The person's group, else their organisation's. */
const GROUP = `COALESCE(u.stakeholder_group, o.stakeholder_group)`;

const SQL: Record<CitationKind, string> = {
  position: `
    SELECT p.id, p.round_id, r.consultation_id,
      CASE WHEN p.withdrawn_at IS NULL THEN 'visible' ELSE 'withdrawn' END AS state,
      p.rationale AS quote, COALESCE(cb.display_name, u.display_name) AS author, o.name AS organisation,
      p.stakeholder_group, p.stance, op.label AS option_label
    FROM positions p JOIN rounds r ON r.id = p.round_id JOIN options op ON op.id = p.option_id
    LEFT JOIN organisations o ON o.id = p.organisation_id LEFT JOIN users u ON u.id = p.user_id
    LEFT JOIN users cb ON cb.id = p.cast_by_id
    WHERE p.id = ANY($1::uuid[])`,
  comment: `
    SELECT c.id, c.round_id, c.consultation_id,
      CASE WHEN ${VISIBLE_COMMENT} THEN 'visible' WHEN c.state = 'hidden' THEN 'hidden' ELSE 'withdrawn' END AS state,
      c.body AS quote, u.display_name AS author, o.name AS organisation, ${GROUP} AS stakeholder_group
    FROM comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN organisations o ON o.id = u.organisation_id
    WHERE c.id = ANY($1::uuid[])`,
  // A thread is quoted by its first visible comment; with none left visible it cites as hidden.
  thread: `
    SELECT t.id, t.round_id, t.consultation_id, CASE WHEN f.id IS NULL THEN 'hidden' ELSE 'visible' END AS state,
      f.body AS quote, u.display_name AS author, o.name AS organisation, ${GROUP} AS stakeholder_group
    FROM threads t
    LEFT JOIN LATERAL (SELECT c.id, c.body, c.author_id FROM comments c WHERE c.thread_id = t.id AND ${VISIBLE_COMMENT}
      ORDER BY c.created_at, c.id LIMIT 1) f ON true
    LEFT JOIN users u ON u.id = f.author_id LEFT JOIN organisations o ON o.id = u.organisation_id
    WHERE t.id = ANY($1::uuid[])`,
};

function toView(kind: CitationKind, r: Row): CitationView {
  const visible = r.state === 'visible';
  // Hidden or withdrawn: neither the words nor who wrote them leave the server.
  return {
    kind,
    id: r.id,
    roundId: r.round_id,
    consultationId: r.consultation_id,
    state: r.state as CitationView['state'],
    quote: visible ? r.quote : null,
    author: visible ? r.author : null,
    organisation: visible ? r.organisation : null,
    stakeholderGroup: visible ? r.stakeholder_group : null,
    ...(kind === 'position' && visible ? { stance: r.stance, optionLabel: r.option_label } : {}),
  };
}

/** Resolves citations to what a reader may see of them (moderation respected), and finds candidates. */
@Injectable()
export class CitationsQuery {
  async resolve(
    m: EntityManager,
    refs: { kind: CitationKind; id: string }[],
  ): Promise<Map<string, CitationView>> {
    const out = new Map<string, CitationView>();
    for (const kind of ['position', 'comment', 'thread'] as const) {
      const ids = refs.filter((r) => r.kind === kind).map((r) => r.id);
      if (!ids.length) continue;
      const rows: Row[] = await m.query(SQL[kind], [ids]);
      for (const row of rows) out.set(`${kind}:${row.id}`, toView(kind, row));
    }
    return out;
  }

  /** Positions with a rationale and visible comments of the round whose text contains `q`. */
  async search(m: EntityManager, roundId: string, q: string): Promise<CitationCandidate[]> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const positions: {
      id: string;
      stance: Stance;
      optionLabel: string;
      excerpt: string;
      author: string;
      organisation: string | null;
    }[] = await m.query(
      `SELECT p.id, p.stance, op.label AS "optionLabel", left(p.rationale, 160) AS excerpt,
           COALESCE(cb.display_name, '') AS author, o.name AS organisation
         FROM positions p JOIN options op ON op.id = p.option_id JOIN users cb ON cb.id = p.cast_by_id
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE p.round_id = $1 AND p.withdrawn_at IS NULL AND p.rationale <> '' AND p.rationale ILIKE $2
         ORDER BY p.updated_at DESC, p.id LIMIT 20`,
      [roundId, pattern],
    );
    const comments: { id: string; excerpt: string; author: string | null; organisation: string | null }[] =
      await m.query(
        `SELECT c.id, left(c.body, 160) AS excerpt, u.display_name AS author, o.name AS organisation
         FROM comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN organisations o ON o.id = u.organisation_id
         WHERE c.round_id = $1 AND ${VISIBLE_COMMENT} AND c.body ILIKE $2
         ORDER BY c.created_at DESC, c.id LIMIT 20`,
        [roundId, pattern],
      );
    return [
      ...positions.map((p) => ({ kind: 'position' as const, ...p })),
      ...comments.map((c) => ({ kind: 'comment' as const, ...c })),
    ];
  }
}
