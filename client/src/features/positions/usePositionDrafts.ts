import { useEffect, useState } from 'react';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import type { Capacity, PositionView } from '../../../../shared/schemas/positions';
import type { Stance } from './stances';

/** What the form holds for one capacity, saved or not. */
export interface PositionDraft {
  stance: Stance | null;
  rationale: string;
  preferred: boolean;
  /** Typed since the stored position was last taken in: the stored one must not overwrite it. */
  edited: boolean;
  /** The stored version the draft started from, to tell when someone else changed it meanwhile. */
  baseVersion: number | null;
}

const fromStored = (p: PositionView | undefined): PositionDraft => ({
  stance: p?.stance ?? null,
  rationale: p?.rationale ?? '',
  preferred: p?.preferred ?? false,
  edited: false,
  baseVersion: p?.version ?? null,
});

/** Typed into and no longer what is stored: leaving would lose it (typing and taking it back loses nothing). */
const unsaved = (d: PositionDraft, p: PositionView | undefined) => {
  const s = fromStored(p);
  return d.edited && (d.stance !== s.stance || d.rationale !== s.rationale || d.preferred !== s.preferred);
};

/**
 * One draft per capacity, so that switching between "for the organisation" and "in my own name" shows each
 * its own text and switching back finds what was typed. A stored position that changes (saved here, in
 * another tab, or by another focal point) replaces a draft only when nothing was typed into it: typed text is
 * never thrown away behind the person's back. The drafts live in the form: leaving the page, or moving to
 * another page of the app, asks first while one holds unsaved work (named `what`).
 */
export function usePositionDrafts(stored: Record<Capacity, PositionView | undefined>, what: string) {
  const [drafts, setDrafts] = useState<Record<Capacity, PositionDraft>>(() => ({
    personal: fromStored(stored.personal),
    organisation: fromStored(stored.organisation),
  }));

  const follow = (capacity: Capacity, p: PositionView | undefined) =>
    setDrafts((d) => (d[capacity].edited ? d : { ...d, [capacity]: fromStored(p) }));
  useEffect(() => follow('personal', stored.personal), [stored.personal?.id, stored.personal?.version]);
  useEffect(
    () => follow('organisation', stored.organisation),
    [stored.organisation?.id, stored.organisation?.version],
  );

  useUnsavedChangesGuard(
    unsaved(drafts.personal, stored.personal) || unsaved(drafts.organisation, stored.organisation)
      ? what
      : null,
  );

  return {
    drafts,
    /** Records what the person typed or chose. */
    edit: (capacity: Capacity, change: Partial<Pick<PositionDraft, 'stance' | 'rationale' | 'preferred'>>) =>
      setDrafts((d) => ({ ...d, [capacity]: { ...d[capacity], ...change, edited: true } })),
    /** The draft is now what is stored (saved or withdrawn): let the stored position lead again. */
    settle: (capacity: Capacity, p: PositionView | undefined) =>
      setDrafts((d) => ({ ...d, [capacity]: fromStored(p) })),
    /** Someone changed the stored position after this draft started from it. */
    changedElsewhere: (capacity: Capacity) =>
      drafts[capacity].edited && drafts[capacity].baseVersion !== (stored[capacity]?.version ?? null),
  };
}
