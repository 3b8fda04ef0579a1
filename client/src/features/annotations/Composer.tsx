import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import { COMMENT_MAX_LENGTH, type PersonView } from '../../../../shared/schemas/annotations';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { fieldAttributes, FieldMessage, useFieldErrors } from '../../ui/field-errors';
import { useMentionable } from './api';
import { CommentError } from './CommentError';
import { handOffFocus, unsentDrafts, useUnsentDraftKey } from './unsent-drafts';

export interface ComposerProps {
  roundId: string;
  /** Which draft this is within the round: `reply:<thread>`, `new:general`, `edit:<comment>`… */
  draftKey: string;
  label: string;
  submitLabel: string;
  initialBody?: string;
  autoFocus?: boolean;
  busy?: boolean;
  /** The last refusal of what was sent (said in the reader's language), or null. */
  error?: unknown;
  onSubmit: (body: string, mentions: string[]) => Promise<unknown>;
  onCancel?: () => void;
  /**
   * Names the text for the question before leaving, where a move to another page would lose it for good
   * (a comment on a selection, which will be gone): such a move then asks first, and leaving forgets it.
   * Without it the text is kept across pages (in `unsentDrafts`, found again in the same box), so only a reload or
   * closing the tab asks.
   */
  lostOnLeaving?: string;
  /**
   * Told whether someone is at this box: focus is in it, or it holds text not yet sent. A thread they are
   * replying in stays in view when it stops matching the list's filter (resolved elsewhere meanwhile).
   */
  onActiveChange?: (active: boolean) => void;
}

/**
 * A plain-text composer: Ctrl/Cmd+Enter sends, "@" suggests people to mention, Esc gives up: a form that can
 * be cancelled closes, a box that stays (a thread's reply) is emptied; either asks first if text was written.
 */
export function Composer(props: ComposerProps) {
  const { t, i18n } = useTranslation('annotations');
  const id = useId();
  const draftKey = useUnsentDraftKey(props.roundId, props.draftKey);
  const saved = unsentDrafts.get(draftKey);
  const [body, setBody] = useState(saved?.body ?? props.initialBody ?? '');
  const [mentions, setMentions] = useState<PersonView[]>(saved?.mentions ?? []);
  const [query, setQuery] = useState<string | null>(null);
  /** The suggestion the arrow keys are on (the textarea keeps focus; aria-activedescendant points at it). */
  const [activeIndex, setActiveIndex] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const people = useMentionable(props.roundId, query ?? '', query !== null);
  const suggestions = query !== null ? (people.data ?? []) : [];
  const optionId = (i: number) => `${id}-person-${i}`;
  const bodyError = useFieldErrors(props.error)('body');
  const [focused, setFocused] = useState(false);
  const active = focused || body.trim() !== '';
  const { onActiveChange } = props;
  useEffect(() => {
    if (!onActiveChange) return;
    onActiveChange(active);
    return () => onActiveChange(false);
  }, [active, onActiveChange]);

  // Layout cleanup: it runs before React takes the box off the page, while the focus can still be in it.
  useLayoutEffect(() => {
    const box = form.current;
    return () => {
      if (box?.contains(document.activeElement)) handOffFocus(draftKey);
    };
  }, [draftKey]);

  const update = (next: string, nextMentions = mentions) => {
    setBody(next);
    setMentions(nextMentions);
    unsentDrafts.set(draftKey, { body: next, mentions: nextMentions });
    const caret = area.current?.selectionStart ?? next.length;
    const m = /(^|\s)@([^\s@]{0,30})$/.exec(next.slice(0, caret));
    setQuery(m ? m[2] : null);
    setActiveIndex(0);
  };

  const pick = (p: PersonView) => {
    const caret = area.current?.selectionStart ?? body.length;
    const before = body.slice(0, caret).replace(/@([^\s@]{0,30})$/, `@${p.displayName} `);
    update(before + body.slice(caret), mentions.some((x) => x.id === p.id) ? mentions : [...mentions, p]);
    setQuery(null);
    area.current?.focus();
  };

  /** Whether giving up now would throw away text the person wrote. */
  const written = body.trim() !== '' && body !== (props.initialBody ?? '');
  const unsaved = useUnsavedChangesGuard(written ? (props.lostOnLeaving ?? props.label) : null, {
    discard: () => unsentDrafts.delete(draftKey),
    keptAs: props.lostOnLeaving ? undefined : draftKey,
  });
  /** The draft was sent or given up: no copy left, nothing to ask about (even if the form goes at once). */
  const forget = () => {
    unsentDrafts.delete(draftKey);
    unsaved.forget();
  };

  const submit = async () => {
    const text = body.trim();
    if (!text || text.length > COMMENT_MAX_LENGTH || props.busy) return;
    // Only people still named in the text are mentioned.
    const ids = mentions.filter((p) => body.includes(`@${p.displayName}`)).map((p) => p.id);
    await props.onSubmit(text, ids);
    forget();
    setBody('');
    setMentions([]);
  };

  /** Whether the question before throwing away written text is open. */
  const [asking, setAsking] = useState(false);
  /** Gives up, asking first when that would throw away written text. */
  const discard = () => (written ? setAsking(true) : giveUp());
  /** Closes the form, or empties the box. */
  const giveUp = () => {
    setAsking(false);
    forget();
    if (props.onCancel) return props.onCancel();
    setBody('');
    setMentions([]);
  };

  /** The list of people to mention, from the keyboard: arrows move, Enter or Tab pick, Escape closes. */
  const onSuggestionKey = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    const n = suggestions.length;
    if (e.key === 'ArrowDown') setActiveIndex((i) => (i + 1) % n);
    else if (e.key === 'ArrowUp') setActiveIndex((i) => (i - 1 + n) % n);
    else if (
      (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.shiftKey) ||
      (e.key === 'Tab' && !e.shiftKey)
    )
      pick(suggestions[Math.min(activeIndex, n - 1)]);
    else if (e.key === 'Escape') setQuery(null);
    else return false;
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0 && onSuggestionKey(e)) return e.preventDefault();
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit().catch(() => undefined);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (query !== null) return setQuery(null);
      // An empty reply box has nothing to give up: Escape leaves it as it is.
      if (props.onCancel || written) discard();
    }
  };

  const tooLong = body.length > COMMENT_MAX_LENGTH;
  return (
    <form
      ref={form}
      className="composer"
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setFocused(false);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void submit().catch(() => undefined);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {props.label}
      </label>
      <textarea
        id={id}
        ref={area}
        dir="auto"
        rows={3}
        value={body}
        placeholder={props.label}
        autoFocus={props.autoFocus}
        {...fieldAttributes(`${id}-error`, bodyError, `${id}-hint`, tooLong)}
        aria-autocomplete="list"
        aria-controls={suggestions.length > 0 ? `${id}-people` : undefined}
        aria-activedescendant={
          suggestions.length > 0 ? optionId(Math.min(activeIndex, suggestions.length - 1)) : undefined
        }
        onChange={(e) => update(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 && (
        <ul
          id={`${id}-people`}
          className="mention-suggestions"
          role="listbox"
          aria-label={t('composer.mentionList')}
        >
          {suggestions.map((p, i) => (
            // Options are picked by click or from the textarea's keys; focus never leaves the text.
            <li
              key={p.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === Math.min(activeIndex, suggestions.length - 1)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(p)}
            >
              {p.displayName}
              {p.organisation && <span className="meta"> · {p.organisation}</span>}
            </li>
          ))}
        </ul>
      )}
      <div className="composer-row">
        <span id={`${id}-hint`} className={tooLong ? 'composer-hint is-error' : 'composer-hint'}>
          {tooLong
            ? t('composer.tooLong', { max: COMMENT_MAX_LENGTH.toLocaleString(i18n.resolvedLanguage) })
            : t(props.onCancel ? 'composer.hint' : 'composer.hintClear')}
        </span>
        {props.onCancel && (
          <button type="button" className="button-secondary" onClick={discard}>
            {t('composer.cancel')}
          </button>
        )}
        <button type="submit" disabled={!body.trim() || tooLong || props.busy}>
          {props.submitLabel}
        </button>
      </div>
      <FieldMessage id={`${id}-error`} message={bodyError} />
      <CommentError error={props.error} marks={['body']} />
      <ConfirmDialog
        open={asking}
        title={t('composer.discard.title')}
        cancelLabel={t('composer.discard.keep')}
        confirmLabel={t('composer.discard.confirm')}
        onCancel={() => setAsking(false)}
        onConfirm={giveUp}
      >
        <p>{t('composer.discard.lead')}</p>
      </ConfirmDialog>
    </form>
  );
}
