import { useEffect, useLayoutEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { annotationBridge, DRAFT_SELECTION_ACTIONS, useAnnotationBridge } from './annotation-bridge';
import type { StoredAnchor } from '../../../../shared/anchoring/anchor';

/**
 * The "Comment" button that appears beside a selection in the draft. A real button (large enough to tap), so
 * it works on touch screens: select text with the handles, then tap "Comment".
 */
export function SelectionCommentButton({ onComment }: { onComment: (anchor: StoredAnchor) => void }) {
  const { t } = useTranslation('annotations');
  const selection = useAnnotationBridge((s) => s.selection);
  // Keyboard: Ctrl/Cmd+Alt+M comments on the current selection, as in common document editors.
  useEffect(() => {
    if (!selection) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.altKey && e.code === 'KeyM') {
        e.preventDefault();
        onComment(selection.anchor);
        annotationBridge.setSelection(null);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selection, onComment]);
  const holder = document.getElementById(DRAFT_SELECTION_ACTIONS);
  const place = usePlaceBelow(selection?.range ?? null, holder);
  if (!selection || !holder || !place) return null;
  return createPortal(
    <button
      type="button"
      className="selection-comment-button"
      style={place}
      aria-keyshortcuts="Control+Alt+M"
      title={t('selection.shortcut')}
      // Keep the selection: a mousedown on the button would otherwise collapse it first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        onComment(selection.anchor);
        annotationBridge.setSelection(null);
      }}
    >
      <CommentIcon /> {t('selection.comment')}
    </button>,
    // Right after the draft, so Tab reaches it from the selection.
    holder,
  );
}

/**
 * Where the button goes: below the end of the passage, in the coordinates of the holder after the draft. Both
 * are in the page's flow, so the button scrolls with the passage, off the screen with it too, with nothing to
 * listen to (a button fixed on the screen stayed over whatever scrolled under it). A new window width
 * reflows the text: measured again then; an edit publishes the selection anew (annotation-highlights).
 */
function usePlaceBelow(range: Range | null, holder: HTMLElement | null) {
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    if (!range || !holder) return setPlace(null);
    const measure = () => {
      const end = range.getBoundingClientRect();
      const box = holder.getBoundingClientRect();
      setPlace({
        top: end.bottom - box.top + 6,
        left: Math.max(0, Math.min(box.width - 140, end.right - box.left - 40)),
      });
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [range, holder]);
  return place;
}

/** A speech bubble; an SVG rather than an emoji, which not every system has a font for. */
export function CommentIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="icon">
      <path
        d="M2 2.5h12a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H7l-3.5 3v-3H2a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1z"
        fill="currentColor"
      />
    </svg>
  );
}
