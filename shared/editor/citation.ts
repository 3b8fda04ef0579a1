import { Node, mergeAttributes } from '@tiptap/core';

export const CITATION_NODE = 'citation';
export const CITATION_KIND_VALUES = ['position', 'comment', 'thread'] as const;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A citation's attributes are only trusted after this check: the Yjs document is untrusted input (F-H6). */
export function validCitation(
  attrs: unknown,
): { kind: (typeof CITATION_KIND_VALUES)[number]; id: string } | null {
  if (typeof attrs !== 'object' || attrs === null) return null;
  const { kind, id } = attrs as { kind?: unknown; id?: unknown };
  if (typeof kind !== 'string' || !(CITATION_KIND_VALUES as readonly string[]).includes(kind)) return null;
  if (typeof id !== 'string' || !ID.test(id)) return null;
  return { kind: kind as (typeof CITATION_KIND_VALUES)[number], id: id.toLowerCase() };
}

/**
 * A reference to a contribution (a position, a comment or a thread) inside the summary: an inline atom
 * carrying `{ kind, id }` and a short label the chair sees while writing. Readers click it to see the quote,
 * its author, organisation and group; publishing resolves it into the frozen text.
 */
export const Citation = Node.create({
  name: CITATION_NODE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

  addAttributes() {
    return {
      kind: { default: null, parseHTML: (el) => el.getAttribute('data-citation-kind') },
      id: { default: null, parseHTML: (el) => el.getAttribute('data-citation-id') },
      label: { default: '', parseHTML: (el) => el.textContent ?? '' },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-citation-kind]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    return [
      'span',
      mergeAttributes(
        { class: 'citation', 'data-citation-kind': node.attrs.kind, 'data-citation-id': node.attrs.id },
        { title: HTMLAttributes.title },
      ),
      `[${String(node.attrs.label || node.attrs.kind || '?')}]`,
    ];
  },

  renderText({ node }) {
    return `[${String(node.attrs.label || node.attrs.kind)}]`;
  },
});
