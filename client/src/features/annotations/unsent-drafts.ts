import type { PersonView } from '../../../../shared/schemas/annotations';

export interface UnsentDraft {
  body: string;
  mentions: PersonView[];
}

/**
 * Unsent text, kept outside React state by key (a thread's reply, a new thread): live updates re-render or
 * even re-mount the lists, and nobody should lose what they were typing, not even when the box it was typed in
 * goes away (UnsentReply shows it then).
 */
export const unsentDrafts = new Map<string, UnsentDraft>();
