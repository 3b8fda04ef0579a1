import { useEffect } from 'react';
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
  if (!selection) return null;
  const top = Math.min(window.innerHeight - 48, selection.rect.bottom + 6);
  const left = Math.max(8, Math.min(window.innerWidth - 140, selection.rect.left - 40));
  return createPortal(
    <button
      type="button"
      className="selection-comment-button"
      style={{ top, left }}
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
    // Right after the draft when it is there, so Tab reaches it from the selection; fixed on screen either way.
    document.getElementById(DRAFT_SELECTION_ACTIONS) ?? document.body,
  );
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
