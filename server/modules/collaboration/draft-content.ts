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

/**
 * A document as ProseMirror JSON through a schema, whatever shape a client wrote: text straight under the root
 * (which y-tiptap cannot convert: it throws) becomes a paragraph, and what the schema rejects is dropped.
 * Both change the Y.Doc it reads (y-tiptap itself deletes rejected elements), so give it a copy, as
 * CollabDocuments.read returns.
 */
export function proseMirrorJsonOf(copy: Y.Doc, schema: Schema): JSONContent {
  const fragment = copy.getXmlFragment(DRAFT_FRAGMENT);
  copy.transact(() => {
    fragment.toArray().forEach((child, i) => {
      if (child instanceof Y.XmlElement) return;
      // Its text only: an embedded Yjs type would come back as itself, which cannot be inserted twice.
      const delta =
        child instanceof Y.XmlText
          ? (child.toDelta() as { insert: unknown }[]).filter((op) => typeof op.insert === 'string')
          : [];
      fragment.delete(i, 1);
      const paragraph = new Y.XmlElement('paragraph');
      fragment.insert(i, [paragraph]);
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      text.applyDelta(delta);
    });
  });
  return yXmlFragmentToProseMirrorRootNode(fragment, schema).toJSON();
}

/**
 * Plain text, one line per block: for the closing record, search and quotes. The anchoring's own reading of
 * the Yjs tree, so quotes and records agree, and any shape a client wrote (even one the schema would reject)
 * still reads instead of failing the close.
 */
export function plainTextOf(doc: Y.Doc): string {
  return plainText(doc.getXmlFragment(DRAFT_FRAGMENT)).text;
}
