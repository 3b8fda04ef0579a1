import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { draftDocName, summaryDocName } from '../../../shared/domain.js';
import { CollabDocuments } from '../collaboration/collab-documents.service.js';
import {
  draftSchema,
  plainTextOf,
  proseMirrorJsonOf,
  withSafeLinks,
} from '../collaboration/draft-content.js';
import type { Round } from '../rounds/round.entity.js';
import { renderHtml } from './render/render-html.js';

/** The round's draft as sealed in the closing record's `draft` section (written by the collaboration module). */
const FROZEN_DRAFT = `
  SELECT e.item->>'state' AS state, e.item->>'text' AS text
  FROM rounds r, jsonb_array_elements(r.closing_record->'sections'->'draft') AS e(item)
  WHERE r.id = $1 AND r.closing_record IS NOT NULL AND e.item->>'kind' = 'draft'`;

/**
 * The round's documents as server-side Y.Docs: a closed round's draft exactly as sealed in its closing
 * record (so anchors resolve as they did at closing), otherwise the live state from the collaboration
 * module. The caller destroys the returned doc.
 */
@Injectable()
export class RoundDocuments {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly collab: CollabDocuments,
  ) {}

  async draft(round: Pick<Round, 'id'>): Promise<Y.Doc> {
    const [frozen]: { state: string | null }[] = await this.db.query(FROZEN_DRAFT, [round.id]);
    return this.docOf(round, frozen);
  }

  private docOf(
    round: Pick<Round, 'id'>,
    frozen: { state: string | null } | undefined,
  ): Promise<Y.Doc> | Y.Doc {
    if (!frozen?.state) return this.collab.read(draftDocName(round.id));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(frozen.state, 'base64'));
    return doc;
  }

  /** The draft's plain text: as sealed at closing, or as it reads now; and which of the two it is. */
  async draftText(round: Pick<Round, 'id'>): Promise<{ source: 'closingRecord' | 'live'; text: string }> {
    const [frozen]: { text: string }[] = await this.db.query(FROZEN_DRAFT, [round.id]);
    if (frozen) return { source: 'closingRecord', text: frozen.text ?? '' };
    const doc = await this.collab.read(draftDocName(round.id));
    try {
      return { source: 'live', text: plainTextOf(doc) };
    } finally {
      doc.destroy();
    }
  }

  /**
   * The draft as the archive shows it, from one read of the closing record: its sealed text (for the word diff)
   * and its HTML with the structure (headings, lists, links, tables), through the editor's schema and the
   * summaries' allowlist renderer: escaped text, known elements only, safe links.
   */
  async draftOnRecord(round: Pick<Round, 'id'>): Promise<{ text: string; html: string }> {
    const [frozen]: { state: string | null; text: string | null }[] = await this.db.query(FROZEN_DRAFT, [
      round.id,
    ]);
    const doc = await this.docOf(round, frozen);
    try {
      return {
        text: frozen ? (frozen.text ?? '') : plainTextOf(doc),
        html: renderHtml(withSafeLinks(proseMirrorJsonOf(doc, draftSchema())), []),
      };
    } finally {
      doc.destroy();
    }
  }

  /** The chairs' working summary, always live: it stays editable after the round closed. */
  summary(roundId: string): Promise<Y.Doc> {
    return this.collab.read(summaryDocName(roundId));
  }
}
