import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan, type EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { resolveAnchors, type ResolvedAnchor } from '../../../shared/anchoring/anchor.js';
import { draftDocName } from '../../../shared/domain.js';
import type { ThreadListView, ThreadView } from '../../../shared/schemas/annotations.js';
import { Comment } from './comment.entity.js';
import { DraftSource } from './draft-source.js';
import { loadPeople } from './people.js';
import { loadPositionSummaries } from './position-target.js';
import type { RoundScope } from './round-access.js';
import { storedAnchorOf, toCommentView, toThreadView, type Viewer } from './thread-views.js';
import { Thread } from './thread.entity.js';

/** How far back `asOf` reaches, so a transaction that committed just after our read is still picked up. */
const SINCE_OVERLAP_MS = 5_000;

/** Builds thread views: comments, people, open flags, and every anchor resolved over ONE read of the draft. */
@Injectable()
export class ThreadReader {
  private readonly logger = new Logger(ThreadReader.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly drafts: DraftSource,
  ) {}

  async list(scope: RoundScope, viewer: Viewer, since?: Date): Promise<ThreadListView> {
    const [{ now }]: { now: Date }[] = await this.db.query(`SELECT now() AS now`);
    const threads = await this.db.getRepository(Thread).find({
      where: since ? { roundId: scope.round.id, updatedAt: MoreThan(since) } : { roundId: scope.round.id },
      order: { createdAt: 'ASC' },
    });
    return {
      threads: await this.views(this.db.manager, scope, threads, viewer),
      asOf: new Date(new Date(now).getTime() - SINCE_OVERLAP_MS).toISOString(),
    };
  }

  async one(scope: RoundScope, threadId: string, viewer: Viewer): Promise<ThreadView> {
    const thread = await this.db.getRepository(Thread).findOneByOrFail({ id: threadId });
    return (await this.views(this.db.manager, scope, [thread], viewer))[0];
  }

  async views(
    manager: EntityManager,
    scope: RoundScope,
    threads: Thread[],
    viewer: Viewer,
  ): Promise<ThreadView[]> {
    if (threads.length === 0) return [];
    const ids = threads.map((t) => t.id);
    const comments = await manager
      .getRepository(Comment)
      .find({ where: { threadId: In(ids) }, order: { createdAt: 'ASC' } });
    const flags = new Map<string, number>();
    if (viewer.moderator && comments.length) {
      const rows: { comment_id: string; n: string }[] = await manager.query(
        `SELECT comment_id, count(*) AS n FROM comment_flags
          WHERE comment_id = ANY($1::uuid[]) AND decided_at IS NULL GROUP BY comment_id`,
        [comments.map((c) => c.id)],
      );
      rows.forEach((r) => flags.set(r.comment_id, Number(r.n)));
    }
    const people = await loadPeople(manager, [
      ...threads.flatMap((t) => [t.authorId, t.resolvedById]),
      ...comments.flatMap((c) => [c.authorId, ...c.mentionIds]),
    ]);
    const resolved = await this.resolveAll(scope, threads);
    const positions = await loadPositionSummaries(
      manager,
      threads.map((t) => t.positionId),
    );
    const byThread = new Map<string, Comment[]>();
    for (const c of comments) byThread.set(c.threadId, [...(byThread.get(c.threadId) ?? []), c]);
    return threads.map((t) =>
      toThreadView(
        t,
        (byThread.get(t.id) ?? []).map((c) => toCommentView(c, people, viewer, flags.get(c.id) ?? 0)),
        people,
        resolved.get(t.id) ?? null,
        (t.positionId && positions.get(t.positionId)) || null,
      ),
    );
  }

  /** One draft read per request, however many passage threads there are. */
  private async resolveAll(scope: RoundScope, threads: Thread[]): Promise<Map<string, ResolvedAnchor>> {
    const passages = threads
      .map((t) => ({ t, a: storedAnchorOf(t) }))
      .filter((x): x is { t: Thread; a: NonNullable<ReturnType<typeof storedAnchorOf>> } => !!x.a);
    const out = new Map<string, ResolvedAnchor>();
    if (passages.length === 0) return out;
    let doc: Y.Doc;
    try {
      doc = await this.drafts.read(draftDocName(scope.round.id));
    } catch (err) {
      // Threads stay readable if the draft cannot be read; their anchors show as orphaned meanwhile.
      this.logger.warn(`Reading the draft of round ${scope.round.id} failed: ${(err as Error).message}`);
      return out;
    }
    try {
      resolveAnchors(
        doc,
        passages.map((p) => p.a),
      ).forEach((r, i) => out.set(passages[i].t.id, r));
    } finally {
      doc.destroy();
    }
    return out;
  }
}
