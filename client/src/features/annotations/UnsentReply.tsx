import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import { takeFocusHandoff, unsentDrafts, useUnsentDraftKey } from './unsent-drafts';

/**
 * What someone was typing in a thread's reply box when the thread stopped taking replies under them (its last
 * comment withdrawn or the round closed, elsewhere): kept in view, read-only, to copy, with a sentence saying
 * why, until they dismiss it. Nothing when nothing was typed. (A resolved thread still takes replies: its box
 * stays.)
 */
export function UnsentReply({ roundId, draftKey }: { roundId: string; draftKey: string }) {
  const { t } = useTranslation('annotations');
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const key = useUnsentDraftKey(roundId, draftKey);
  const [kept, setKept] = useState(() => ({ key, text: unsentDrafts.get(key)?.body ?? '' }));
  // Someone else signed in (or out) on this page: theirs is another draft, if any.
  if (kept.key !== key) setKept({ key, text: unsentDrafts.get(key)?.body ?? '' });
  const text = kept.key === key ? kept.text : '';
  // The text is still kept (a reload would lose it) until it is dismissed: then nothing is left to ask about.
  useUnsavedChangesGuard(text.trim() ? t('unsent.label') : null, {
    keptAs: key,
    discard: () => unsentDrafts.delete(key),
  });

  // The reply box went away with the focus in it: the focus lands here rather than nowhere, without moving
  // the page (its writer may have scrolled away from it) or selecting the text. Whoever was elsewhere, reading
  // or in another field, keeps their focus and their place.
  const restoring = useRef(false);
  useLayoutEffect(() => {
    if (!takeFocusHandoff(key) || !area.current) return;
    restoring.current = true;
    area.current.focus({ preventScroll: true });
    restoring.current = false;
  }, [key]);

  if (!text.trim()) return null;
  return (
    <div className="unsent-reply">
      <p id={`${id}-note`} className="notice" role="status">
        {t('unsent.note')}
      </p>
      <textarea
        ref={area}
        readOnly
        value={text}
        rows={3}
        dir="auto"
        aria-label={t('unsent.label')}
        aria-describedby={`${id}-note`}
        // Someone who comes to it selects it whole, to copy.
        onFocus={(e) => !restoring.current && e.currentTarget.select()}
      />
      <div className="composer-row">
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            unsentDrafts.delete(key);
            setKept({ key, text: '' });
          }}
        >
          {t('unsent.dismiss')}
        </button>
      </div>
    </div>
  );
}
