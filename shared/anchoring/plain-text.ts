import * as Y from 'yjs';

/**
 * The plain text of a rich-text Yjs document (the XmlFragment Tiptap binds), the same on the server and in the
 * browser: text blocks joined by "\n". Anchors are stored and compared in these offsets, so both sides must
 * compute them with this one function.
 */
export interface PlainText {
  text: string;
  /** Where each Yjs type starts and ends in `text`. */
  spans: Map<object, { start: number; end: number }>;
}

/** The field name Tiptap's Collaboration extension uses by default. */
export const DRAFT_FIELD = 'default';

export function draftFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DRAFT_FIELD);
}

const isTextBlock = (el: Y.XmlElement) => el.toArray().some((c) => c instanceof Y.XmlText);

export function plainText(fragment: Y.XmlFragment): PlainText {
  const spans: PlainText['spans'] = new Map();
  let text = '';
  let afterBlock = false;

  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) {
      const start = text.length;
      text += textOf(node);
      spans.set(node, { start, end: text.length });
      return;
    }
    if (node instanceof Y.XmlElement && node.nodeName === 'hardBreak') {
      spans.set(node, { start: text.length, end: text.length + 1 });
      text += '\n';
      return;
    }
    if (node instanceof Y.XmlElement && isTextBlock(node)) {
      if (afterBlock) text += '\n';
      afterBlock = true;
    }
    const start = text.length;
    for (const child of node.toArray()) walk(child as Y.XmlElement | Y.XmlText);
    spans.set(node, { start, end: text.length });
  };
  walk(fragment);
  return { text, spans };
}

/** The characters of an XmlText without its formatting attributes. */
function textOf(t: Y.XmlText): string {
  return t
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}
