import type { PersonView } from '../../../../shared/schemas/annotations';

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

/** The round is part of the key, so that a comment begun on one round never turns up in another round's form. */
export const unsentDraftKey = (roundId: string, draftKey: string) => `${roundId}:${draftKey}`;
