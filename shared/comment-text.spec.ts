import { describe, expect, it } from 'vitest';
import { commentParts, safeHref } from './comment-text.js';

describe('commentParts', () => {
  it('turns only http(s) and mailto URLs into links, leaving punctuation after them outside', () => {
    expect(commentParts('See https://itu.int/res102, or mail mailto:sec@itu.int.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://itu.int/res102', href: 'https://itu.int/res102' },
      { kind: 'text', text: ', or mail ' },
      { kind: 'link', text: 'mailto:sec@itu.int', href: 'mailto:sec@itu.int' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps javascript:, data: and HTML as plain text', () => {
    const body = '<script>alert(1)</script> javascript:alert(1) JaVaScRiPt:alert(2) data:text/html,<b>x</b>';
    expect(commentParts(body)).toEqual([{ kind: 'text', text: body }]);
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' javascript:alert(1)')).toBeNull();
  });

  it('keeps line breaks in the text for the renderer', () => {
    expect(commentParts('one\ntwo')).toEqual([{ kind: 'text', text: 'one\ntwo' }]);
  });
});
