import { describe, expect, it } from 'vitest';
import { commentPublicView, threadPublicView } from './annotations-round.listener.js';

const sealed = (over: Record<string, unknown>) => ({
  id: 'c1',
  threadId: 't1',
  authorId: 'u1',
  body: 'Words',
  state: 'visible',
  hiddenReason: null,
  hiddenById: null,
  mentionIds: ['u2'],
  revisions: [
    { body: 'First words', reason: 'edit', createdAt: '2026-01-01T00:00:00.000Z' },
    { body: 'Withdrawn words', reason: 'withdraw', createdAt: '2026-01-02T00:00:00.000Z' },
  ],
  ...over,
});

describe('public views of the closing record', () => {
  it('show a visible comment with its edit history, without account ids or withdrawn words', () => {
    const view = commentPublicView(sealed({}));
    expect(view).toMatchObject({ id: 'c1', body: 'Words', state: 'visible' });
    expect(view).not.toHaveProperty('authorId');
    expect(view).not.toHaveProperty('mentionIds');
    expect(JSON.stringify(view)).not.toContain('Withdrawn words');
    expect(JSON.stringify(view)).toContain('First words');
  });

  it('show a hidden comment as its public reason, never its words', () => {
    const view = commentPublicView(sealed({ state: 'hidden', hiddenReason: 'Off topic', hiddenById: 'm1' }));
    expect(view).toMatchObject({ id: 'c1', state: 'hidden', hiddenReason: 'Off topic' });
    expect(JSON.stringify(view)).not.toMatch(/Words|words|m1/);
  });

  it('keep threads without account ids', () => {
    expect(threadPublicView({ id: 't1', authorId: 'u1', resolvedById: 'u2', status: 'open' })).toEqual({
      id: 't1',
      status: 'open',
    });
  });
});
