import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson } from '../../../shared/canonical-json.js';
import { SERVER_EVENTS, consultationRoom } from '../../../shared/events.js';
import type { SummaryPublishedEvent, SummaryVersionView } from '../../../shared/schemas/summaries.js';
import { conflict, invalid } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { LIVE_EVENT, LiveEvent } from '../realtime/live-event.js';
import { Round } from '../rounds/round.entity.js';
import { CitationsQuery } from './citations/citations.query.js';
import type { SummaryLanguage } from './render/labels.js';
import { renderHtml } from './render/render-html.js';
import { renderMarkdown } from './render/render-markdown.js';
import { citationKey, citationsIn, summaryJsonOf, type NumberedCitation } from './render/summary-document.js';
import { RoundDocuments } from './round-documents.js';
import { SummaryVersion } from './summary-version.entity.js';
import { toVersionView } from './summary-version.view.js';

/** Emitted on the in-process bus after a version was committed: notifications follow it. */
export const SUMMARY_PUBLISHED = 'summary.published';
export class SummaryPublished {
  constructor(
    readonly version: SummaryVersion,
    readonly actorId: string,
  ) {}
}

/** The digest of a version: over exactly the fields a reader receives, so anyone can recompute it. */
export function versionDigest(v: {
  roundId: string;
  number: number;
  changeNote: string;
  publishedAt: string;
  document: unknown;
  markdown: string;
  html: string;
}): string {
  const { roundId, number, changeNote, publishedAt, document, markdown, html } = v;
  return createHash('sha256')
    .update(canonicalJson({ roundId, number, changeNote, publishedAt, document, markdown, html }), 'utf8')
    .digest('hex');
}

/**
 * Publishing freezes the chairs' working document: read its committed Yjs state, convert it through the
 * shared schema, resolve its citations as readers may see them now, render HTML and Markdown here on the
 * server, hash, store, audit — one transaction — then announce it.
 */
@Injectable()
export class SummaryPublishingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: RoundDocuments,
    private readonly citations: CitationsQuery,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    private readonly notifications: NotificationsService,
  ) {}

  async publish(
    round: Round,
    actor: { userId: string; displayName: string | null },
    changeNote: string,
    language: SummaryLanguage = 'en',
  ): Promise<SummaryVersionView> {
    if (round.status !== 'closed')
      throw conflict(
        `Round ${round.number} is still ${round.status}: its summary is published once it closes`,
      );
    const ydoc = await this.documents.summary(round.id);
    let document;
    try {
      document = summaryJsonOf(ydoc);
    } finally {
      ydoc.destroy();
    }
    const hasText = JSON.stringify(document.content ?? []).includes('"text"');
    if (!hasText)
      throw invalid('The summary is empty: write it (or start from the digest) before publishing');

    const { row: saved, notices } = await this.db.transaction(async (tx) => {
      // One publisher at a time per round: the version number is the next one under this lock.
      await tx.query(`SELECT id FROM rounds WHERE id = $1 FOR UPDATE`, [round.id]);
      const [{ last }]: { last: number }[] = await tx.query(
        `SELECT COALESCE(max(number), 0)::int AS last FROM summary_versions WHERE round_id = $1`,
        [round.id],
      );
      if (last > 0 && !changeNote)
        throw invalid('A corrected version needs a change note saying what changed and why');
      const refs = citationsIn(document);
      const resolved = await this.citations.resolve(tx, refs);
      const numbered: NumberedCitation[] = refs.map((r, i) => {
        const key = citationKey(r.kind, r.id);
        const view = resolved.get(key);
        return {
          n: i + 1,
          key,
          view:
            view && view.consultationId === round.consultationId
              ? view
              : {
                  ...r,
                  roundId: round.id,
                  consultationId: round.consultationId,
                  state: 'missing',
                  quote: null,
                  author: null,
                  organisation: null,
                  stakeholderGroup: null,
                },
        };
      });
      const frozen = { ...document, language, citations: numbered.map((c) => ({ n: c.n, ...c.view })) };
      const publishedAt = new Date(Math.floor(Date.now()));
      const fields = {
        roundId: round.id,
        number: last + 1,
        changeNote,
        publishedAt: publishedAt.toISOString(),
        document: frozen,
        html: renderHtml(document, numbered, language),
        markdown: renderMarkdown(document, numbered, language),
      };
      const row = await tx.getRepository(SummaryVersion).save({
        ...fields,
        consultationId: round.consultationId,
        publishedAt,
        sha256: versionDigest(fields),
        publishedById: actor.userId,
        publishedByName: actor.displayName,
      });
      await this.audit.append(tx, {
        consultationId: round.consultationId,
        actorId: actor.userId,
        action: 'summary.published',
        payload: { roundId: round.id, number: row.number, sha256: row.sha256, changeNote },
      });
      const notices = await this.notifyParticipants(tx, round, row.number, actor.userId);
      return { row, notices };
    });

    const payload: SummaryPublishedEvent = {
      consultationId: round.consultationId,
      roundId: round.id,
      number: saved.number,
    };
    this.events.emit(
      LIVE_EVENT,
      new LiveEvent(consultationRoom(round.consultationId), SERVER_EVENTS.SUMMARY_PUBLISHED, payload),
    );
    this.notifications.announce(notices);
    this.events.emit(SUMMARY_PUBLISHED, new SummaryPublished(saved, actor.userId));
    return toVersionView(saved);
  }

  /** Everyone who took part in the round (wrote a comment or holds a position), in the same transaction. */
  private async notifyParticipants(tx: EntityManager, round: Round, number: number, publisherId: string) {
    const people: { user_id: string }[] = await tx.query(
      `SELECT author_id AS user_id FROM comments WHERE round_id = $1 AND author_id IS NOT NULL
       UNION SELECT cast_by_id FROM positions WHERE round_id = $1 AND withdrawn_at IS NULL`,
      [round.id],
    );
    return this.notifications.create(
      tx,
      people
        .filter((p) => p.user_id !== publisherId)
        .map((p) => ({
          userId: p.user_id,
          kind: 'summary_published' as const,
          consultationId: round.consultationId,
          roundId: round.id,
          text:
            number === 1
              ? `The chairs published the summary of round ${round.number}`
              : `The chairs published a corrected summary of round ${round.number} (version ${number})`,
          data: { roundNumber: round.number, version: number },
        })),
    );
  }
}
