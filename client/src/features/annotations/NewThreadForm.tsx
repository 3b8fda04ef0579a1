import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredAnchor } from '../../../../shared/anchoring/anchor';
import type { OptionView } from '../../../../shared/schemas/consultations';
import { useCreateThread } from './api';
import { Composer } from './Composer';

export type NewThreadTarget = { kind: 'passage'; anchor: StoredAnchor } | { kind: 'general' };

/** The passage a comment is on, short enough to name it in a sentence. */
const shortQuote = (quote: string) => (quote.length > 60 ? `${quote.slice(0, 59).trimEnd()}…` : quote);

/** Opening a thread: on the selected passage, or on an option or the round as a whole. */
export function NewThreadForm({
  roundId,
  target,
  options,
  onDone,
}: {
  roundId: string;
  target: NewThreadTarget;
  options: OptionView[];
  onDone: (threadId: string | null) => void;
}) {
  const { t } = useTranslation('annotations');
  const create = useCreateThread(roundId);
  const [about, setAbout] = useState('round');
  return (
    <div className="new-thread" role="group" aria-label={t('newThread.label')}>
      {target.kind === 'passage' ? (
        <blockquote className="thread-quote-preview" dir="auto">
          {target.anchor.quote.exact}
        </blockquote>
      ) : (
        <label className="new-thread-about">
          {t('newThread.about')}{' '}
          <select value={about} onChange={(e) => setAbout(e.target.value)}>
            <option value="round">{t('newThread.aboutRound')}</option>
            {options
              .filter((o) => !o.retired)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
          </select>
        </label>
      )}
      <Composer
        roundId={roundId}
        draftKey={
          target.kind === 'passage' ? `new:${target.anchor.start}:${target.anchor.end}` : 'new:general'
        }
        label={t('newThread.placeholder')}
        submitLabel={t('newThread.submit')}
        autoFocus
        busy={create.isPending}
        error={create.error}
        onSubmit={async (body, mentions) => {
          const thread = await create.mutateAsync(
            target.kind === 'passage'
              ? { target: 'passage', anchor: target.anchor, body, mentions }
              : about === 'round'
                ? { target: 'round', body, mentions }
                : { target: 'option', optionId: about, body, mentions },
          );
          onDone(thread.id);
        }}
        onCancel={() => onDone(null)}
        lostOnLeaving={
          target.kind === 'passage'
            ? t('newThread.unsaved', { quote: shortQuote(target.anchor.quote.exact) })
            : undefined
        }
      />
    </div>
  );
}
