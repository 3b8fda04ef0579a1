import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff.js';

const rebuild = (parts: ReturnType<typeof wordDiff>, side: 'before' | 'after') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === (side === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('wordDiff', () => {
  it('marks the words added and removed between two drafts', () => {
    const before = 'The group reports to the Council every year.';
    const after = 'The group reports to the Council and the sectors every two years.';
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual([
      'and the sectors',
      'two years.',
    ]);
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['year.']);
    expect(rebuild(parts, 'before')).toBe(before);
    expect(rebuild(parts, 'after')).toBe(after);
  });

  it('reports identical texts as one unchanged run, and works in scripts without spaces', () => {
    expect(wordDiff('نص المشروع', 'نص المشروع')).toEqual([{ kind: 'same', text: 'نص المشروع' }]);
    const parts = wordDiff('草案 第一条', '草案 第二条');
    expect(rebuild(parts, 'after')).toBe('草案 第二条');
    expect(parts.some((p) => p.kind === 'added' && p.text === '第二条')).toBe(true);
  });
});
