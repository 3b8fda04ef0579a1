import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadView } from '../../../../shared/schemas/annotations';
import type { ConsultationView } from '../../../../shared/schemas/consultations';
import { SignInLink } from '../auth/SignInLink';
import { useMe } from '../auth/useMe';
import { annotationBridge, scrollToHighlight, useAnnotationBridge } from './annotation-bridge';
import { useThreads } from './api';
import { CommentSearch } from './CommentSearch';
import { ModerationPanel } from './ModerationPanel';
import { NewThreadForm, type NewThreadTarget } from './NewThreadForm';
import { SelectionCommentButton } from './SelectionCommentButton';
import { ThreadCard } from './ThreadCard';
import { useCommentViewer } from './useCommentViewer';
import { useKeptThreads } from './useKeptThreads';
import { useThreadLiveUpdates } from './useThreadLiveUpdates';

type Filter = 'open' | 'resolved' | 'all';

/** One empty list for every render while loading: a new [] each time would re-run the effects below. */
const NO_THREADS: ThreadView[] = [];
const NO_IDS: ReadonlySet<string> = new Set();

/**
 * The round's threads beside the draft: passages in reading order, options, positions (rationales), the round,
 * and orphans apart.
 */
export function AnnotationsSidebar({ consultation }: { consultation: ConsultationView }) {
  const round = consultation.currentRound;
  if (!round) return null;
  return <RoundThreads consultation={consultation} roundId={round.id} />;
}

function RoundThreads({ consultation, roundId }: { consultation: ConsultationView; roundId: string }) {
  const { t } = useTranslation('annotations');
  const { data: me } = useMe();
  const { data, isLoading, error } = useThreads(roundId);
  useThreadLiveUpdates(consultation.id, roundId);
  /** A closed round's threads are its record: read whole, as they stood at closing, not as a live to-do list. */
  const closed = consultation.currentRound?.status === 'closed';
  // Until someone picks a filter, it follows the round: a round that closes while the page is open shows all.
  const [picked, setFilter] = useState<Filter | null>(null);
  const filter = picked ?? (closed ? 'all' : 'open');
  const [composing, setComposing] = useState<NewThreadTarget | null>(null);
  /** A thread just posted here: focus goes to its card once the list has it (the composer is gone). */
  const [posted, setPosted] = useState<string | null>(null);
  /** What had focus when a new thread was opened, to return to when it is given up (else focus falls to body). */
  const opener = useRef<{ element: Element | null; kind: NewThreadTarget['kind'] } | null>(null);
  const generalButton = useRef<HTMLButtonElement>(null);
  const compose = useCallback((target: NewThreadTarget) => {
    opener.current = { element: document.activeElement, kind: target.kind };
    setComposing(target);
  }, []);
  const active = useAnnotationBridge((s) => s.activeThreadId);
  const live = useAnnotationBridge((s) => s.positions);

  const viewer = useCommentViewer(consultation);
  /** The threads someone is replying in here: focus in the reply box, or text not yet sent. */
  const [replying, setReplying] = useState(NO_IDS);
  const onReplying = useCallback(
    (threadId: string, now: boolean) =>
      setReplying((ids) => {
        if (ids.has(threadId) === now) return ids;
        const next = new Set(ids);
        if (now) next.add(threadId);
        else next.delete(threadId);
        return next;
      }),
    [],
  );

  const threads = data?.threads ?? NO_THREADS;
  // The draft highlights every open passage thread (and the active one even if resolved).
  useEffect(() => {
    annotationBridge.setAnchors(
      threads
        .filter((x) => x.anchor && (x.status === 'open' || x.id === active))
        .map((x) => ({ threadId: x.id, anchor: x.anchor!, resolved: x.status === 'resolved' })),
    );
  }, [threads, active]);
  useEffect(() => () => annotationBridge.setAnchors([]), []);

  // A click on a highlight in the draft brings its thread into view; not when focus is already in that card,
  // which would move the field someone is in.
  useEffect(() => {
    if (!active) return;
    const card = document.querySelector(`.annotations-panel [data-thread-id="${CSS.escape(active)}"]`);
    if (card && !card.contains(document.activeElement))
      card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [active]);

  useEffect(() => {
    if (!posted || !threads.some((x) => x.id === posted)) return;
    setPosted(null);
    document
      .querySelector<HTMLElement>(`.annotations-panel [data-thread-id="${CSS.escape(posted)}"]`)
      ?.focus();
  }, [posted, threads]);

  // Given up: back to what opened it, or what stands for it now (the "Comment" button goes with the selection).
  useEffect(() => {
    if (composing || !opener.current) return;
    const { element, kind } = opener.current;
    opener.current = null;
    const back =
      element instanceof HTMLElement && element.isConnected && element !== document.body
        ? element
        : kind === 'general'
          ? generalButton.current
          : annotationBridge.get().editor?.view.dom;
    back?.focus({ preventScroll: true });
  }, [composing]);

  const activateThread = useCallback((threadId: string) => annotationBridge.setActive(threadId), []);
  /** Only on request (the card's quote, a search result): in one column this scrolls the whole page. */
  const showThread = useCallback((threadId: string) => {
    annotationBridge.setActive(threadId);
    requestAnimationFrame(() => scrollToHighlight(threadId));
  }, []);

  const matches = (x: ThreadView) => filter === 'all' || x.status === filter;
  const kept = useKeptThreads(
    filter,
    threads.filter(matches).map((x) => x.id),
    replying,
  );
  const shown = threads.filter((x) => matches(x) || kept.has(x.id));
  // Where each passage is now: the live draft in this browser when it knows, else the server's answer.
  const where = (x: ThreadView) =>
    live?.get(x.id) ?? { status: x.anchor!.status, from: x.anchor!.from, currentText: x.anchor!.currentText };
  const passages = shown
    .filter((x) => x.anchor && where(x).status !== 'orphaned')
    .sort((a, b) => (where(a).from ?? 0) - (where(b).from ?? 0));
  const orphaned = shown.filter((x) => x.anchor && where(x).status === 'orphaned');
  const byOption = consultation.options
    .map((o) => ({ option: o, threads: shown.filter((x) => x.optionId === o.id && x.target === 'option') }))
    .filter((g) => g.threads.length > 0);
  const general = shown.filter((x) => x.target === 'round');
  const onPositions = shown.filter((x) => x.target === 'position');
  const counts = {
    open: threads.filter((x) => x.status === 'open').length,
    resolved: threads.filter((x) => x.status === 'resolved').length,
  };

  const list = (items: ThreadView[]) =>
    items.map((x) => (
      <ThreadCard
        key={x.id}
        thread={x}
        viewer={viewer}
        active={x.id === active}
        now={x.anchor ? where(x) : null}
        onFocus={activateThread}
        onShow={showThread}
        onReplying={onReplying}
        kept={!matches(x)}
      />
    ));

  return (
    <section className="annotations-panel" aria-labelledby="annotations-title">
      <h2 id="annotations-title">{closed ? t('closed.title') : t('title')}</h2>
      {closed && <p className="annotations-closed meta">{t('closed.note')}</p>}
      {viewer.canComment && (
        <SelectionCommentButton onComment={(anchor) => compose({ kind: 'passage', anchor })} />
      )}
      <CommentSearch
        roundId={roundId}
        onOpen={(id) => {
          setFilter('all');
          showThread(id);
        }}
      />
      <div className="annotations-filter" role="radiogroup" aria-label={t('filter.label')}>
        {(['open', 'resolved', 'all'] as const).map((f) => (
          <button
            key={f}
            type="button"
            role="radio"
            aria-checked={filter === f}
            className={filter === f ? 'chip is-selected' : 'chip'}
            onClick={() => setFilter(f)}
          >
            {f === 'all'
              ? t('filter.all')
              : t(closed ? `closed.filter.${f}` : `filter.${f}`, { n: counts[f] })}
          </button>
        ))}
      </div>
      {viewer.canComment && !composing && (
        <>
          <p className="meta">{t('selection.hint')}</p>
          <button
            type="button"
            className="button-secondary"
            ref={generalButton}
            onClick={() => compose({ kind: 'general' })}
          >
            {t('newThread.general')}
          </button>
        </>
      )}
      {!me && !closed && (
        <p className="meta">
          <SignInLink>{t('signInToComment')}</SignInLink>
        </p>
      )}
      {composing && (
        <NewThreadForm
          roundId={roundId}
          target={composing}
          options={consultation.options}
          onDone={(id) => {
            setComposing(null);
            if (id) {
              opener.current = null;
              activateThread(id);
              setPosted(id);
            }
          }}
        />
      )}
      <ModerationPanel consultationId={consultation.id} roundId={roundId} viewer={viewer} />
      {isLoading && <p role="status">{t('common:loading')}</p>}
      {error && <p role="alert">{(error as Error).message}</p>}
      {data && shown.length === 0 && <p className="meta">{t(closed ? 'closed.empty' : 'empty')}</p>}
      {passages.length > 0 && (
        <section aria-label={t('sections.passages')}>
          <h3>{t('sections.passages')}</h3>
          {list(passages)}
        </section>
      )}
      {byOption.map((g) => (
        <section key={g.option.id} aria-label={g.option.label}>
          <h3 dir="auto">{t('sections.option', { label: g.option.label })}</h3>
          {list(g.threads)}
        </section>
      ))}
      {onPositions.length > 0 && (
        <section aria-label={t('sections.positions')}>
          <h3>{t('sections.positions')}</h3>
          {list(onPositions)}
        </section>
      )}
      {general.length > 0 && (
        <section aria-label={t('sections.round')}>
          <h3>{t('sections.round')}</h3>
          {list(general)}
        </section>
      )}
      {orphaned.length > 0 && (
        <section aria-label={t('sections.orphaned')} className="orphaned-threads">
          <h3>{t('sections.orphaned')}</h3>
          <p className="meta">{t('sections.orphanedHint')}</p>
          {list(orphaned)}
        </section>
      )}
    </section>
  );
}
