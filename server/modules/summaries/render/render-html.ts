import type { JSONContent } from '@tiptap/core';
import { validCitation } from '../../../../shared/editor/citation.js';
import { escapeHtml, safeHref } from './escape.js';
import { citationSource, LABELS, type SummaryLanguage } from './labels.js';
import { citationKey, type NumberedCitation } from './summary-document.js';

const BLOCK_TAGS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  table: 'table',
  tableRow: 'tr',
  tableHeader: 'th',
  tableCell: 'td',
};

const MARK_TAGS: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  code: 'code',
  underline: 'u',
};

const clampInt = (v: unknown, min: number, max: number, fallback: number) => {
  const n = typeof v === 'number' && Number.isInteger(v) ? v : fallback;
  return Math.min(max, Math.max(min, n));
};

function renderText(node: JSONContent): string {
  let html = escapeHtml(node.text);
  for (const mark of node.marks ?? []) {
    if (mark.type === 'link') {
      const href = safeHref(mark.attrs?.href);
      if (href) html = `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${html}</a>`;
    } else if (MARK_TAGS[mark.type]) {
      html = `<${MARK_TAGS[mark.type]}>${html}</${MARK_TAGS[mark.type]}>`;
    }
  }
  return html;
}

/**
 * HTML from the document's ProseMirror JSON, built by an allowlist: every node type and mark is known here,
 * every text and attribute is escaped, links keep only http(s)/mailto targets, and anything else (a `script`
 * element smuggled into the Yjs document, an `onerror` attribute) has no way out (F-H6). Citations become
 * numbered references resolved to their quote, author, organisation and group.
 */
export function renderHtml(
  doc: JSONContent,
  citations: NumberedCitation[],
  language: SummaryLanguage = 'en',
): string {
  const byKey = new Map(citations.map((c) => [c.key, c]));
  const walk = (node: JSONContent): string => {
    const inner = () => (node.content ?? []).map(walk).join('');
    switch (node.type) {
      case 'doc':
        return inner();
      case 'text':
        return renderText(node);
      case 'heading': {
        const level = clampInt(node.attrs?.level, 1, 6, 2);
        return `<h${level}>${inner()}</h${level}>`;
      }
      case 'codeBlock':
        return `<pre><code>${inner()}</code></pre>`;
      case 'hardBreak':
        return '<br>';
      case 'horizontalRule':
        return '<hr>';
      case 'citation': {
        const c = validCitation(node.attrs);
        const numbered = c ? byKey.get(citationKey(c.kind, c.id)) : undefined;
        if (!c || !numbered) return '';
        return `<a class="citation" href="#ref-${numbered.n}" data-citation-kind="${c.kind}" data-citation-id="${c.id}">[${numbered.n}]</a>`;
      }
      default: {
        const tag = BLOCK_TAGS[node.type ?? ''];
        if (!tag) return inner();
        const start =
          node.type === 'orderedList' && node.attrs?.start !== undefined && node.attrs.start !== 1
            ? ` start="${clampInt(node.attrs.start, 0, 1_000_000, 1)}"`
            : '';
        return `<${tag}${start}>${inner()}</${tag}>`;
      }
    }
  };
  const body = walk(doc);
  if (!citations.length) return body;
  const refs = citations
    .map((c) => {
      const quote = c.view.quote ? `<blockquote>${escapeHtml(c.view.quote)}</blockquote>` : '';
      return `<li id="ref-${c.n}" data-citation-kind="${c.view.kind}" data-citation-id="${escapeHtml(c.view.id)}">${quote}<p class="citation-source">${escapeHtml(citationSource(c.view, language))}</p></li>`;
    })
    .join('');
  return `${body}<section class="references"><h2>${escapeHtml(LABELS[language].references)}</h2><ol>${refs}</ol></section>`;
}
