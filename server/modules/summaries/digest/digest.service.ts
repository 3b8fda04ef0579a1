import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type * as Y from 'yjs';
import { resolveAnchor } from '../../../../shared/anchoring/anchor.js';
import type { DigestThreadView, DigestView } from '../../../../shared/schemas/summaries.js';
import { PositionsQuery } from '../../positions/positions.query.js';
import { TalliesService } from '../../positions/tallies.service.js';
import type { Round } from '../../rounds/round.entity.js';
import { RoundDocuments } from '../round-documents.js';
import { DiscussionQuery, type ThreadRow } from './discussion.query.js';
import { divergenceOf } from './divergence.js';
import { RepresentativeRationalePicker } from './representative-rationales.js';

/**
 * The digest the chairs start from, generated from the round: tallies (the very numbers of the positions
 * API: same service), divergence between stakeholder groups, the most discussed passages, representative
 * rationales, open and orphaned threads, and participation. Only visible contributions count.
 */
@Injectable()
export class DigestService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tallies: TalliesService,
    private readonly positions: PositionsQuery,
    private readonly discussion: DiscussionQuery,
    private readonly documents: RoundDocuments,
  ) {}

  async generate(round: Round, opts: { talliesHidden: boolean }): Promise<DigestView> {
    const m = this.db.manager;
    const options = opts.talliesHidden ? [] : await this.optionsWithTallies(round);
    const [mostDiscussedPassages, threads, participation] = await Promise.all([
      this.discussion.mostDiscussed(m, round.id),
      this.discussion.threads(m, round.id, false),
      this.discussion.participation(m, round.id),
    ]);
    const withAnchors = await this.anchorStatuses(round, threads);
    return {
      roundId: round.id,
      consultationId: round.consultationId,
      roundNumber: round.number,
      roundStatus: round.status,
      generatedAt: new Date().toISOString(),
      talliesHidden: opts.talliesHidden,
      options,
      mostDiscussedPassages,
      openThreads: withAnchors.filter((t) => t.status === 'open'),
      orphanedThreads: withAnchors.filter((t) => t.anchorStatus === 'orphaned'),
      participation,
    };
  }

  private async optionsWithTallies(round: Round): Promise<DigestView['options']> {
    const tallies = await this.tallies.compute(round.id);
    const labels: { id: string; label: string }[] = await this.db.query(
      `SELECT id, label FROM options WHERE consultation_id = $1`,
      [round.consultationId],
    );
    const labelOf = new Map(labels.map((o) => [o.id, o.label]));
    const picker = new RepresentativeRationalePicker();
    for await (const batch of this.positions.batches(round.id, {})) batch.forEach((p) => picker.add(p));
    if (tallies.hidden) return [];
    return tallies.options.map((tally) => ({
      optionId: tally.optionId,
      label: labelOf.get(tally.optionId) ?? '',
      tally,
      divergence: divergenceOf(tally),
      rationales: picker.forOption(tally.optionId),
    }));
  }

  /** Resolves passage anchors against the draft (as sealed, for a closed round): orphaned ones are listed apart. */
  private async anchorStatuses(round: Round, threads: ThreadRow[]): Promise<DigestThreadView[]> {
    const passages = threads.filter((t) => t.target === 'passage' && t.anchor_start && t.anchor_end);
    let doc: Y.Doc | null = null;
    try {
      if (passages.length) doc = await this.documents.draft(round);
      return threads.map((t) => {
        if (!doc || t.target !== 'passage' || !t.anchor_start || !t.anchor_end)
          return this.discussion.toThreadView(t, null);
        const resolved = resolveAnchor(doc, {
          start: t.anchor_start,
          end: t.anchor_end,
          quote: { exact: t.quote_exact ?? '', prefix: t.quote_prefix ?? '', suffix: t.quote_suffix ?? '' },
        });
        return this.discussion.toThreadView(t, resolved.status);
      });
    } finally {
      doc?.destroy();
    }
  }
}
