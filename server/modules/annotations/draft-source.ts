import type { EntityManager } from 'typeorm';
import type * as Y from 'yjs';

/**
 * Where annotations read a round's draft from: the collaboration module's `CollabDocuments` (the server's
 * current, committed copy). A token of its own so this module states exactly what it needs from collaboration.
 */
export abstract class DraftSource {
  abstract read(docName: string, manager?: EntityManager): Promise<Y.Doc>;
}
