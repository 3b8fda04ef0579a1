import type { JSONContent } from '@tiptap/core';
import { validCitation } from '../../../../shared/editor/citation.js';
import { escapeBlockStart, escapeMarkdown, safeHref } from './escape.js';
import { citationSource, type SummaryLanguage } from './labels.js';
import { citationKey, type NumberedCitation } from './summary-document.js';

const MARKS: Record<string, string> = { bold: '**', italic: '_', strike: '~~', code: '`' };

function inline(nodes: JSONContent[] | undefined, byKey: Map<string, NumberedCitation>): string {
  return (nodes ?? [])
    .map((n) => {
      if (n.type === 'text') {
        let md = escapeMarkdown(n.text);
        for (const mark of n.marks ?? []) {
          if (mark.type === 'link') {
            const href = safeHref(mark.attrs?.href);
            // Angle brackets keep spaces and parentheses of the URL inside the link; `<` `>` cannot occur in it.
            if (href && !/[<>\s]/.test(href)) md = `[${md}](<${href}>)`;
          } else if (MARKS[mark.type]) md = `${MARKS[mark.type]}${md}${MARKS[mark.type]}`;
        }
        return md;
      }
      if (n.type === 'hardBreak') return '  \n';
      if (n.type === 'citation') {
        const c = validCitation(n.attrs);
        const numbered = c ? byKey.get(citationKey(c.kind, c.id)) : undefined;
        return numbered ? `[^${numbered.n}]` : '';
      }
      return inline(n.content, byKey);
    })
    .join('');
}

/** Markdown from the same JSON as the HTML, by the same allowlist; citations become footnotes. */
export function renderMarkdown(
  doc: JSONContent,
  citations: NumberedCitation[],
  language: SummaryLanguage = 'en',
): string {
  const byKey = new Map(citations.map((c) => [c.key, c]));
  const block = (node: JSONContent, indent: string): string[] => {
    switch (node.type) {
      case 'paragraph':
        return [indent + escapeBlockStart(inline(node.content, byKey)), ''];
      case 'heading': {
        const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 2));
        return [`${indent}${'#'.repeat(level)} ${inline(node.content, byKey)}`, ''];
      }
      case 'blockquote':
        return (node.content ?? []).flatMap((c) => block(c, `${indent}> `));
      case 'codeBlock': {
        const text = (node.content ?? []).map((t) => t.text ?? '').join('');
        const fence = '`'.repeat(
          Math.max(
            3,
            (text.match(/`+/g) ?? []).reduce((m, s) => Math.max(m, s.length + 1), 0),
          ),
        );
        return [indent + fence, ...text.split('\n').map((l) => indent + l), indent + fence, ''];
      }
      case 'bulletList':
      case 'orderedList':
        return [
          ...(node.content ?? []).flatMap((item, i) => {
            const marker = node.type === 'bulletList' ? '- ' : `${i + 1}. `;
            const lines = (item.content ?? []).flatMap((c) => block(c, '')).filter((l) => l !== '');
            return lines.map((l, j) => indent + (j === 0 ? marker : ' '.repeat(marker.length)) + l);
          }),
          '',
        ];
      case 'horizontalRule':
        return [`${indent}---`, ''];
      case 'table':
        return [
          ...(node.content ?? []).flatMap((row, r) => {
            const cells = (row.content ?? []).map((cell) =>
              (cell.content ?? []).map((p) => inline(p.content, byKey)).join(' '),
            );
            const line = `${indent}| ${cells.join(' | ')} |`;
            return r === 0 ? [line, `${indent}|${cells.map(() => ' --- |').join('')}`] : [line];
          }),
          '',
        ];
      default:
        return (node.content ?? []).flatMap((c) => block(c, indent));
    }
  };
  const lines = block(doc, '');
  for (const c of citations) {
    const quote = c.view.quote ? `“${escapeMarkdown(c.view.quote)}” — ` : '';
    lines.push(`[^${c.n}]: ${quote}${escapeMarkdown(citationSource(c.view, language))}`);
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
