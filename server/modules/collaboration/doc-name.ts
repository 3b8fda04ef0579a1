/** What a document name says: which round, and which of its two documents. */
export interface DocRef {
  name: string;
  roundId: string;
  kind: 'draft' | 'summary';
}

const DOC_NAME = /^round\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(draft|summary)$/;

/** Parses `round.<uuid>.draft|summary` (see shared/domain.ts); anything else is not a document. */
export function parseDocName(name: string): DocRef | null {
  const m = DOC_NAME.exec(name);
  return m ? { name, roundId: m[1], kind: m[2] as DocRef['kind'] } : null;
}
