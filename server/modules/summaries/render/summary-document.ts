import { getSchema, type JSONContent } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import type * as Y from 'yjs';
import { proseMirrorJsonOf } from '../../collaboration/draft-content.js';
import { validCitation } from '../../../../shared/editor/citation.js';
import { summaryExtensions } from '../../../../shared/editor/extensions.js';
import type { CitationView } from '../../../../shared/schemas/summaries.js';

let schema: Schema | undefined;

/** The summary editor's ProseMirror schema, from the same extension list the browser uses. */
export function summarySchema(): Schema {
  schema ??= getSchema(summaryExtensions());
  return schema;
}

/** The summary as ProseMirror JSON, through its schema (see proseMirrorJsonOf: give it a copy). */
export function summaryJsonOf(copy: Y.Doc): JSONContent {
  return proseMirrorJsonOf(copy, summarySchema());
}

/** A citation of the document, numbered in order of first appearance. */
export interface NumberedCitation {
  n: number;
  key: string;
  view: CitationView;
}

export const citationKey = (kind: string, id: string) => `${kind}:${id}`;

/** Every valid citation in document order (duplicates once). */
export function citationsIn(doc: JSONContent): { kind: CitationView['kind']; id: string }[] {
  const seen = new Map<string, { kind: CitationView['kind']; id: string }>();
  const walk = (node: JSONContent) => {
    if (node.type === 'citation') {
      const c = validCitation(node.attrs);
      if (c && !seen.has(citationKey(c.kind, c.id))) seen.set(citationKey(c.kind, c.id), c);
    }
    node.content?.forEach(walk);
  };
  walk(doc);
  return [...seen.values()];
}
