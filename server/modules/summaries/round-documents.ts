import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { draftDocName, summaryDocName } from '../../../shared/domain.js';
import type { ClosingRecord } from '../../../shared/schemas/rounds.js';
import { CollabDocuments } from '../collaboration/collab-documents.service.js';
import type { Round } from '../rounds/round.entity.js';

/** One frozen document as the collaboration module writes it into the closing record's `draft` section. */
export interface FrozenDocumentItem {
  id: string;
  kind: 'draft' | 'summary';
  state: string;
  text: string;
}

/** The frozen documents of a closed round's record (empty for an open round). */
export function frozenDocuments(round: Pick<Round, 'closingRecord'>): FrozenDocumentItem[] {
  const section = (round.closingRecord as ClosingRecord | null)?.sections?.draft;
  return Array.isArray(section) ? (section as FrozenDocumentItem[]) : [];
}

/**
 * The round's documents as server-side Y.Docs: a closed round's draft exactly as sealed in its closing
 * record (so anchors resolve as they did at closing), otherwise the live state from the collaboration
 * module. The caller destroys the returned doc.
 */
@Injectable()
export class RoundDocuments {
  constructor(private readonly collab: CollabDocuments) {}

  async draft(round: Round): Promise<Y.Doc> {
    const frozen = frozenDocuments(round).find((d) => d.kind === 'draft');
    if (frozen) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(frozen.state, 'base64'));
      return doc;
    }
    return this.collab.read(draftDocName(round.id));
  }

  /** The chairs' working summary, always live: it stays editable after the round closed. */
  summary(roundId: string): Promise<Y.Doc> {
    return this.collab.read(summaryDocName(roundId));
  }
}
