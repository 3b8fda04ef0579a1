import { isSafeHref } from '../../../../shared/editor/extensions.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values alike. */
export const escapeHtml = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/**
 * Escapes Markdown's inline syntax, so a contribution's `[text](javascript:…)` or `<script>` stays text in
 * any renderer; line starts that would make a heading, a list or a quote are escaped too.
 */
export function escapeMarkdown(s: unknown): string {
  return String(s ?? '')
    .replace(/[\\`*_{}[\]()#!|<>~&]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

/** A link target only when it is http(s) or mailto; anything else is dropped by the renderers. */
export const safeHref = (href: unknown): string | null => (isSafeHref(href) ? href.trim() : null);

/** A block that begins like a list item ("- ", "+ ", "1. ") would become one: escape its marker. */
export const escapeBlockStart = (line: string) =>
  line.replace(/^(\s*)([-+])/, '$1\\$2').replace(/^(\s*)(\d+)\./, '$1$2\\.');
