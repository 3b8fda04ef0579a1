import { describe, expect, it, vi } from 'vitest';
import { UnsavedWork } from './unsaved-work';

describe('UnsavedWork', () => {
  it('names what moving to another page would lose, once each, and not what outlives the move', () => {
    const work = new UnsavedWork();
    expect(work.any()).toBe(false);
    work.set('reply', { what: 'Your reply', keptOnNavigation: true });
    expect(work.any()).toBe(true);
    expect(work.lostOnNavigation()).toEqual([]);
    work.set('a', { what: 'Your position on “A”', keptOnNavigation: false });
    work.set('x', { what: 'Your comment on “x”', keptOnNavigation: false });
    work.set('a2', { what: 'Your position on “A”', keptOnNavigation: false });
    expect(work.lostOnNavigation()).toEqual(['Your position on “A”', 'Your comment on “x”']);
  });

  it('forgets an entry once deleted, and tells its listeners when there comes or goes one', () => {
    const work = new UnsavedWork();
    const listener = vi.fn();
    const stop = work.subscribe(listener);
    work.set('a', { what: 'Your position', keptOnNavigation: false });
    work.set('a', { what: 'Your position, renamed', keptOnNavigation: false });
    expect(work.lostOnNavigation()).toEqual(['Your position, renamed']);
    work.delete('a');
    work.delete('a');
    expect(work.any()).toBe(false);
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
    work.set('r', { what: 'Your reply', keptOnNavigation: true });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('discards only the drafts that leaving loses', () => {
    const work = new UnsavedWork();
    const lost = vi.fn();
    const kept = vi.fn();
    work.set('c', { what: 'Your comment', keptOnNavigation: false, discard: lost });
    work.set('r', { what: 'Your reply', keptOnNavigation: true, discard: kept });
    work.discardLostOnNavigation();
    expect(lost).toHaveBeenCalledOnce();
    expect(kept).not.toHaveBeenCalled();
  });

  it('names and discards everything typed, kept drafts too, when signing out', () => {
    const work = new UnsavedWork();
    const lost = vi.fn();
    const kept = vi.fn();
    work.set('c', { what: 'Your comment', keptOnNavigation: false, discard: lost });
    work.set('r', { what: 'Your reply', keptOnNavigation: true, discard: kept });
    work.set('c2', { what: 'Your comment', keptOnNavigation: false });
    expect(work.lostOnSigningOut()).toEqual(['Your comment', 'Your reply']);
    work.discardLostOnSigningOut();
    expect(lost).toHaveBeenCalledOnce();
    expect(kept).toHaveBeenCalledOnce();
    expect(work.lostOnSigningOut()).toEqual(['Your comment']);
  });
});
