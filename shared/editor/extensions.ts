import type { AnyExtension } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import { StarterKit } from '@tiptap/starter-kit';
import { Citation } from './citation.js';

/** The Yjs XmlFragment the editor binds to (Tiptap Collaboration's default field). */
export const DRAFT_FRAGMENT = 'default';

/** Links may only point to the web or to an email address: no `javascript:`, `data:` or `vbscript:`. */
export const SAFE_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const;

export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length > 2048) return false;
  try {
    // A relative link is resolved against a dummy web origin, so it counts as https.
    return (SAFE_LINK_PROTOCOLS as readonly string[]).includes(new URL(href, 'https://x.invalid').protocol);
  } catch {
    return false;
  }
}

/**
 * The draft editor's schema, one list for the browser editor and the server (which builds demo drafts,
 * reads plain text for the closing record, and resolves annotation anchors): the same schema on both sides
 * means the same document. History is off because undo belongs to Yjs under Collaboration.
 */
export function draftExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ];
}

/** The chairs' summary: the draft's schema plus citations of contributions (positions, comments, threads). */
export function summaryExtensions(): AnyExtension[] {
  return [...draftExtensions(), Citation];
}
