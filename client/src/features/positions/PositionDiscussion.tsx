import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateThread, useThreads } from '../annotations/api';
import type { Viewer } from '../annotations/CommentItem';
import { Composer } from '../annotations/Composer';
import { ThreadCard } from '../annotations/ThreadCard';
import { positionKeys } from './api';

const noFocus = () => {};

/**
 * "Discuss" under one rationale: the threads on that position, inline, with the annotations feature's own
 * cards and composer (one way of doing threads). The threads come from the round's thread list, which the
 * comments sidebar shares, so both stay live from the same cache.
 */
export function PositionDiscussion({
  roundId,
  positionId,
  threadCount,
  viewer,
}: {
  roundId: string;
  positionId: string;
  threadCount: number;
  viewer: Viewer;
}) {
  const { t } = useTranslation('positions');
  const [open, setOpen] = useState(false);
  const regionId = useId();
  return (
    <div className="position-discussion">
      <button
        type="button"
        className="button-secondary position-discuss"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => setOpen(!open)}
      >
        {t('discussion.discuss', { count: threadCount })}
      </button>
      <div id={regionId} hidden={!open}>
        {open && <PositionThreads roundId={roundId} positionId={positionId} viewer={viewer} />}
      </div>
    </div>
  );
}

function PositionThreads({
  roundId,
  positionId,
  viewer,
}: {
  roundId: string;
  positionId: string;
  viewer: Viewer;
}) {
  const { t } = useTranslation('positions');
  const qc = useQueryClient();
  const { data, isLoading, error } = useThreads(roundId);
  const create = useCreateThread(roundId);
  const threads = (data?.threads ?? []).filter((x) => x.positionId === positionId);
  return (
    <section className="position-threads" aria-label={t('discussion.label')}>
      {isLoading && <p role="status">{t('common:loading')}</p>}
      {error && <p role="alert">{(error as Error).message}</p>}
      {data && threads.length === 0 && <p className="meta">{t('discussion.none')}</p>}
      {threads.map((x) => (
        <ThreadCard
          key={x.id}
          thread={x}
          viewer={viewer}
          active={false}
          now={null}
          onFocus={noFocus}
          showPosition={false}
        />
      ))}
      {viewer.canComment && (
        <Composer
          roundId={roundId}
          draftKey={`new:position:${positionId}`}
          label={t('discussion.newLabel')}
          submitLabel={t('discussion.start')}
          busy={create.isPending}
          error={create.error?.message}
          onSubmit={async (body, mentions) => {
            await create.mutateAsync({ target: 'position', positionId, body, mentions });
            // The count under the rationale; other viewers learn of it from the live hint.
            await qc.invalidateQueries({ queryKey: positionKeys.lists(roundId) });
          }}
        />
      )}
      {!viewer.userId && <p className="meta">{t('discussion.signIn')}</p>}
    </section>
  );
}
