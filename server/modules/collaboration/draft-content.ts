import { getSchema, type JSONContent } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { plainText } from '../../../shared/anchoring/plain-text.js';
import * as Y from 'yjs';
import { DRAFT_FRAGMENT, draftExtensions, isSafeHref } from '../../../shared/editor/extensions.js';

let schema: Schema | undefined;

/** The editor's ProseMirror schema, built once from the shared extension list. */
export function draftSchema(): Schema {
  schema ??= getSchema(draftExtensions());
  return schema;
}

/** Drops link marks whose href is not safe; the schema alone would keep any string. */
export function withSafeLinks(node: JSONContent): JSONContent {
  return {
    ...node,
    marks: node.marks?.filter((m) => m.type !== 'link' || isSafeHref(m.attrs?.href)),
    content: node.content?.map(withSafeLinks),
  };
}

/** A Yjs state (as Tiptap's Collaboration would write it) for a ProseMirror JSON document. */
export function yjsStateFromProseMirror(json: JSONContent): Uint8Array {
  const doc = prosemirrorJSONToYDoc(draftSchema(), withSafeLinks(json), DRAFT_FRAGMENT);
  try {
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The document as ProseMirror JSON, through the schema (unknown nodes are dropped by it). */
export function proseMirrorJsonOf(doc: Y.Doc): JSONContent {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DRAFT_FRAGMENT), draftSchema()).toJSON();
}

/**
 * Plain text, one line per block: for the closing record, search and quotes. The anchoring's own reading of
 * the Yjs tree, so quotes and records agree, and any shape a client wrote (even one the schema would reject)
 * still reads instead of failing the close.
 */
export function plainTextOf(doc: Y.Doc): string {
  return plainText(doc.getXmlFragment(DRAFT_FRAGMENT)).text;
}
