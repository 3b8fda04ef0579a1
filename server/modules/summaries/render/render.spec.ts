import { describe, expect, it } from 'vitest';
import type { CitationView } from '../../../../shared/schemas/summaries.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import type { NumberedCitation } from './summary-document.js';

const ID = '0b9a1c5e-2f43-4c1d-9e8a-7f6b5d4c3b2a';
const view: CitationView = {
  kind: 'comment',
  id: ID,
  roundId: ID,
  consultationId: ID,
  state: 'visible',
  quote: 'Quote with <b>tags</b> & [a](javascript:alert(1))',
  author: 'Ana',
  organisation: 'Org',
  stakeholderGroup: 'civil_society',
};
const cited: NumberedCitation[] = [{ n: 1, key: `comment:${ID}`, view }];

const doc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 99 }, content: [{ type: 'text', text: '# Title <script>' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: '- not a list [x](javascript:alert(1)) ' },
        {
          type: 'text',
          text: 'bad link',
          marks: [{ type: 'link', attrs: { href: ' JavaScript:alert(1)' } }],
        },
        {
          type: 'text',
          text: ' good link',
          marks: [{ type: 'link', attrs: { href: 'https://itu.int/a b' } }],
        },
        { type: 'citation', attrs: { kind: 'comment', id: ID } },
        { type: 'citation', attrs: { kind: 'comment', id: 'not-an-id' } },
        { type: 'citation', attrs: { kind: 'script', id: ID } },
      ],
    },
    {
      type: 'iframe',
      attrs: { src: 'https://evil.example' },
      content: [{ type: 'text', text: 'inner text' }],
    },
  ],
};

describe('summary rendering', () => {
  it('builds HTML by allowlist: escaped text, safe links only, valid citations only', () => {
    const html = renderHtml(doc, cited);
    expect(html).toContain('<h6># Title &lt;script&gt;</h6>');
    expect(html).not.toMatch(/<script|<iframe|href="\s*javascript:/i);
    expect(html).toContain('bad link'); // the text stays, without its link
    expect(html).toContain('<a href="https://itu.int/a b" rel="noopener noreferrer nofollow"> good link</a>');
    expect(html.match(/class="citation"/g)).toHaveLength(1);
    expect(html).toContain('inner text');
    expect(html).toContain(
      '<blockquote>Quote with &lt;b&gt;tags&lt;/b&gt; &amp; [a](javascript:alert(1))</blockquote>',
    );
    expect(html).toContain('Ana, Org (Civil society)');
  });

  it('writes Markdown whose contributions cannot become links, lists or HTML', () => {
    const md = renderMarkdown(doc, cited);
    expect(md).toContain('###### \\# Title \\<script\\>');
    expect(md).toContain('\\- not a list \\[x\\]\\(javascript:alert\\(1\\)\\)');
    expect(md).not.toContain('](javascript');
    expect(md).toContain('bad link');
    expect(md).not.toContain('[ good link](<https://itu.int/a b>)'); // a space in a URL: text only
    expect(md).toContain('[^1]');
    expect(md).toContain(
      '[^1]: “Quote with \\<b\\>tags\\</b\\> \\& \\[a\\]\\(javascript:alert\\(1\\)\\)” — Ana, Org \\(Civil society\\)',
    );
  });
});
