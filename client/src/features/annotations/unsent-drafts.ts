import type { PersonView } from '../../../../shared/schemas/annotations';
import { useMe } from '../auth/useMe';

export interface UnsentDraft {
  body: string;
  mentions: PersonView[];
}

/**
 * Unsent text, kept outside React state by round and key (a thread's reply, a new thread): live updates
 * re-render or even re-mount the lists, and nobody should lose what they were typing, not even when the box it
 * was typed in goes away (UnsentReply shows it then).
 */
export const unsentDrafts = new Map<string, UnsentDraft>();

/**
 * Where a draft is kept: by the person typing it, so that nobody else signed in later in the same tab (or
 * nobody, once signed out) ever finds it, and by round, so that a comment begun on one round never turns up in
 * another round's form.
 */
export function useUnsentDraftKey(roundId: string, draftKey: string): string {
  const { data: me } = useMe();
  return `${me?.id ?? 'anonymous'}:${roundId}:${draftKey}`;
}

/** The draft whose box just went away with the focus in it, until the end of that render's commit. */
let focusLeftWith: string | null = null;

/**
 * A reply box going away with the focus in it (its thread stopped taking replies) hands the focus to the copy
 * that replaces it in the same render (UnsentReply): React runs the copy's layout effects in the same commit,
 * before any microtask. Anything that comes later is another moment, and leaves the focus where it is.
 */
export function handOffFocus(key: string) {
  focusLeftWith = key;
  queueMicrotask(() => {
    if (focusLeftWith === key) focusLeftWith = null;
  });
}

/** Whether the focus was just handed off by the box of this draft (once). */
export function takeFocusHandoff(key: string): boolean {
  if (focusLeftWith !== key) return false;
  focusLeftWith = null;
  return true;
}
