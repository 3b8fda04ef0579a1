import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublish } from './api';

/** Publishing freezes the summary as it stands; from the second version on a change note is required. */
export function PublishDialog({ roundId, nextNumber }: { roundId: string; nextNumber: number }) {
  const { t, i18n } = useTranslation('summaries');
  const dialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const publish = usePublish(roundId);
  const needsNote = nextNumber > 1;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    publish.mutate(
      { changeNote: note, language: i18n.resolvedLanguage ?? 'en' },
      {
        onSuccess: () => {
          setNote('');
          dialog.current?.close();
        },
      },
    );
  };
  return (
    <>
      <button type="button" className="primary" onClick={() => dialog.current?.showModal()}>
        {t('publish.open', { number: nextNumber })}
      </button>
      <dialog ref={dialog} aria-labelledby="publish-title" className="publish-dialog">
        <form onSubmit={submit}>
          <h3 id="publish-title">{t('publish.title', { number: nextNumber })}</h3>
          <p>{t('publish.explain')}</p>
          <label htmlFor="change-note">
            {needsNote ? t('publish.noteRequired') : t('publish.noteOptional')}
          </label>
          <textarea
            id="change-note"
            value={note}
            required={needsNote}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
          />
          {publish.error && <p role="alert">{(publish.error as Error).message}</p>}
          <div className="row">
            <button type="submit" className="primary" disabled={publish.isPending}>
              {t('publish.confirm')}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              {t('publish.cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
