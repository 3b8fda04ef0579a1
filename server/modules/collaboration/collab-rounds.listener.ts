import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { draftDocName, summaryDocName } from '../../../shared/domain.js';
import { ROUND_EVENTS, RoundClosing, RoundCreatingFromPrevious } from '../rounds/round-events.js';
import { DemoRoundSeeded } from '../seed/seed.service.js';
import { CollabDocuments } from './collab-documents.service.js';
import { plainTextOf, yjsStateFromProseMirror } from './draft-content.js';
import { DocStore } from './persistence/doc-store.service.js';
import { DocVersion } from './persistence/doc-version.entity.js';

/** One frozen document in the closing record's `draft` section. */
export interface FrozenDocument {
  id: string;
  kind: 'draft' | 'summary';
  /** base64 of Y.encodeStateAsUpdate: the exact state, so relative-position anchors still resolve. */
  state: string;
  text: string;
}

/**
 * The round's documents in its life cycle: frozen into the closing record, carried over to the next round
 * (the same Yjs state, so annotation anchors keep working), and written for the demo round.
 */
@Injectable()
export class CollabRoundsListener {
  constructor(
    private readonly store: DocStore,
    private readonly documents: CollabDocuments,
  ) {}

  /**
   * Reads the documents inside the closing transaction. Edits still in flight wait on the round lock and
   * are refused once it commits (doc-store `append`), so the record holds exactly what was stored. Pending
   * writes are deliberately not awaited here: they wait for this very transaction.
   */
  @OnEvent(ROUND_EVENTS.CLOSING, { promisify: true, suppressErrors: false })
  async onClosing(event: RoundClosing): Promise<void> {
    const { round, manager } = event;
    const versions = manager.getRepository(DocVersion);
    if (event.purpose === 'close') {
      for (const [name, kind] of [
        [draftDocName(round.id), 'draft'],
        [summaryDocName(round.id), 'summary'],
      ] as const) {
        const { updates } = await this.store.load(name, manager);
        if (kind === 'summary' && !updates.length) continue;
        const doc = new Y.Doc();
        try {
          updates.forEach((u) => Y.applyUpdate(doc, u));
          const state = Buffer.from(Y.encodeStateAsUpdate(doc));
          await versions.save({ docName: name, roundId: round.id, state, plainText: plainTextOf(doc) });
        } finally {
          doc.destroy();
        }
      }
    }
    const frozen = await versions.find({ where: { roundId: round.id }, order: { docName: 'ASC' } });
    const items: FrozenDocument[] = frozen.map((v) => ({
      id: v.docName,
      kind: v.docName.endsWith('.summary') ? 'summary' : 'draft',
      state: v.state.toString('base64'),
      text: v.plainText,
    }));
    // The chairs' working summary is theirs until they publish it: readers get only its hash in the record.
    event.record.add<(typeof items)[number]>(
      'draft',
      items,
      { draftCharacters: items.find((i) => i.kind === 'draft')?.text.length ?? 0 },
      { publicView: (item) => (item.kind === 'summary' ? null : { ...item }) },
    );
  }

  @OnEvent(ROUND_EVENTS.CREATING_FROM_PREVIOUS, { promisify: true, suppressErrors: false })
  async onCreatingFromPrevious(event: RoundCreatingFromPrevious): Promise<void> {
    const state = await this.finalState(draftDocName(event.previous.id), event.manager);
    if (state) await this.documents.replaceInitialState(draftDocName(event.round.id), state, event.manager);
  }

  @OnEvent('demo.roundSeeded', { promisify: true, suppressErrors: false })
  async onDemoRoundSeeded(event: DemoRoundSeeded): Promise<void> {
    const state = yjsStateFromProseMirror(event.draft);
    await this.documents.replaceInitialState(draftDocName(event.round.id), state, event.manager);
  }

  /** The frozen state of a closed round's document, else its current stored state; null when empty. */
  private async finalState(name: string, manager: EntityManager): Promise<Uint8Array | null> {
    const frozen = await manager.getRepository(DocVersion).findOneBy({ docName: name });
    if (frozen) return frozen.state;
    const { updates } = await this.store.load(name, manager);
    return updates.length ? await this.store.loadMerged(name, manager) : null;
  }
}
