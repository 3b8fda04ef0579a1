import { useQueryClient } from '@tanstack/react-query';
import { useEditorState, type Editor } from '@tiptap/react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { SERVER_EVENTS } from '../../../../shared/events';
import { PresenceList } from '../../editor/PresenceList';
import { useCollabDocument } from '../../editor/useCollabDocument';
import { useConsultationEvents } from '../../realtime/socket';
import { useMe } from '../auth/useMe';
import { useConsultation } from '../consultations/api';
import { CitationPicker } from './CitationPicker';
import { DigestPanel } from './DigestPanel';
import { PublishDialog } from './PublishDialog';
import { SummaryEditor } from './SummaryEditor';
import { VersionsList } from './VersionsList';
import { summaryKeys, useDigest, useSummaryVersions } from './api';
import { digestContent } from './digest-content';
import { useDocumentTitle } from '../../app/useDocumentTitle';

/** The chairs' workspace for one round's summary: the live editor, the digest, citations, publishing. */
export default function SummaryPage() {
  const { id = '', number = '' } = useParams();
  const { t } = useTranslation('summaries');
  const { data: c, isLoading, error } = useConsultation(id);
  const me = useMe();
  const self = useMemo(
    () => (me.data ? { id: me.data.id, displayName: me.data.displayName } : null),
    [me.data],
  );
  const round = c?.rounds.find((r) => r.number === Number(number));
  useDocumentTitle(round && t('title', { number: round.number }), c?.title);
  if (isLoading || me.isLoading) return <p role="status">{t('common:loading')}</p>;
  if (error || !c) return <p role="alert">{(error as Error | null)?.message ?? t('common:error')}</p>;
  if (!round) return <p role="alert">{t('roundNotFound')}</p>;
  const isChair = c.viewerRole === 'chair';
  return (
    <article aria-labelledby="summary-title" className="summary-page">
      <p>
        <Link to={`/consultations/${c.id}`}>← {c.title}</Link>
      </p>
      <h1 id="summary-title">{t('title', { number: round.number })}</h1>
      {!isChair && c.viewerRole !== 'secretariat' ? (
        <p>{t('chairsOnly')}</p>
      ) : (
        <Workspace
          self={self}
          consultationId={c.id}
          roundId={round.id}
          docName={round.summaryDoc}
          isChair={isChair}
          closed={round.status === 'closed'}
        />
      )}
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t('versions.title')}</h2>
        <VersionsList roundId={round.id} />
      </section>
    </article>
  );
}

function Workspace(props: {
  self: { id: string; displayName: string } | null;
  consultationId: string;
  roundId: string;
  docName: string;
  isChair: boolean;
  closed: boolean;
}) {
  const { t } = useTranslation('summaries');
  const qc = useQueryClient();
  const session = useCollabDocument(props.docName, props.self);
  const [editor, setEditor] = useState<Editor | null>(null);
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const digest = useDigest(props.roundId);
  const versions = useSummaryVersions(props.roundId);
  const handlers = useMemo(
    () => ({
      [SERVER_EVENTS.SUMMARY_PUBLISHED]: () =>
        void qc.invalidateQueries({ queryKey: summaryKeys.versions(props.roundId) }),
    }),
    [qc, props.roundId],
  );
  useConsultationEvents(props.consultationId, handlers);
  const editable = session.canWrite && session.synced;
  // Follows the document (the other chair may write first): the digest only starts an empty summary.
  const empty = useEditorState({ editor, selector: ({ editor: e }) => e?.isEmpty ?? true }) ?? true;
  const startFromDigest = () => {
    if (!editor || !digest.data || !editor.isEmpty) return;
    editor.commands.setContent(digestContent(digest.data, t));
  };
  return (
    <div className="summary-workspace">
      <div className="summary-main">
        <div className="draft-status">
          <span role="status" data-status={session.status} data-can-write={session.canWrite}>
            {session.status === 'connected' && session.synced
              ? editable
                ? t('editor.editing')
                : t('editor.reading')
              : t('editor.connecting')}
          </span>
          <PresenceList people={session.present} />
        </div>
        {editable && empty && digest.data && (
          <p>
            <button type="button" onClick={startFromDigest}>
              {t('startFromDigest')}
            </button>
          </p>
        )}
        {session.doc && session.provider && (
          <SummaryEditor
            doc={session.doc}
            provider={session.provider}
            editable={editable}
            onEditor={onEditor}
          />
        )}
        {props.isChair && props.closed && (
          <p className="publish-row">
            <PublishDialog roundId={props.roundId} nextNumber={(versions.data?.length ?? 0) + 1} />
          </p>
        )}
        {props.isChair && !props.closed && <p>{t('publish.afterClosing')}</p>}
      </div>
      <aside className="summary-side">
        {props.isChair && <CitationPicker roundId={props.roundId} editor={editable ? editor : null} />}
        {digest.data && <DigestPanel digest={digest.data} />}
      </aside>
    </div>
  );
}
