import { useTranslation } from 'react-i18next';
import { DraftEditor } from '../../editor/DraftEditor';
import { PresenceList } from '../../editor/PresenceList';
import { useCollabDocument } from '../../editor/useCollabDocument';
import { useFormatDate } from '../../i18n/dates';
import { useMe } from '../auth/useMe';

/** The live draft (loaded on demand: Tiptap, ProseMirror and Yjs are most of the client's weight). */
export default function LiveDraft({
  docName,
  closedAt,
  canComment,
}: {
  docName: string;
  closedAt: string | null;
  /** Whether the reader may comment on the draft (a participant, a chair), though not edit it. */
  canComment: boolean;
}) {
  const { t } = useTranslation('drafts');
  const { data: me, isLoading } = useMe();
  // Connect once we know who we are: a signed-in person asks for a ticket, an anonymous reader does not.
  if (isLoading) return <p role="status">{t('connecting')}</p>;
  return (
    <ConnectedDraft
      docName={docName}
      closedAt={closedAt}
      canComment={canComment}
      self={me ? { id: me.id, displayName: me.displayName } : null}
    />
  );
}

function ConnectedDraft({
  docName,
  closedAt,
  canComment,
  self,
}: {
  docName: string;
  /** Set once the round is closed: the draft is frozen on record, nobody is "here" any more. */
  closedAt: string | null;
  canComment: boolean;
  self: { id: string; displayName: string } | null;
}) {
  const { t } = useTranslation('drafts');
  const formatDate = useFormatDate();
  // A closed round's draft is the text on record: read, not attended. Nobody is "here" to announce.
  const session = useCollabDocument(docName, self, { announce: !closedAt });
  // Who may comment but not edit is told how to take part: "read only" read as if they could not.
  const statusText = closedAt
    ? t('status.closed', {
        date: formatDate(closedAt),
      })
    : session.status === 'refused'
      ? t('status.refused')
      : session.status === 'connected' && session.synced
        ? session.canWrite
          ? t('status.editing')
          : t(canComment ? 'status.commenting' : 'status.reading')
        : t('status.connecting');
  return (
    <>
      <div className="draft-status">
        <span
          role="status"
          data-status={closedAt ? 'closed' : session.status}
          data-can-write={session.canWrite}
          className={closedAt ? 'draft-frozen' : undefined}
        >
          {statusText}
        </span>
        {!closedAt && <PresenceList people={session.present} />}
      </div>
      {session.doc && session.provider && (
        <DraftEditor
          key={docName}
          doc={session.doc}
          provider={session.provider}
          editable={session.canWrite && session.synced}
          label={t('editorLabel')}
        />
      )}
    </>
  );
}
