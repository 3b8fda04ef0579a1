import { EditorContent } from '@tiptap/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { draftExtensions } from '../../../shared/editor/extensions';
import { annotationBridge, DRAFT_SELECTION_ACTIONS } from '../features/annotations/annotation-bridge';
import { AnnotationHighlights } from './annotation-highlights';
import { EditorToolbar } from './EditorToolbar';
import { ReadingKeyboard } from './reading-keyboard';
import { useCollabEditor } from './useCollabEditor';

/**
 * Tiptap bound to a Yjs document: the shared schema, Collaboration on the editor's fragment, and the
 * writers' carets. Editable only while the server lets this connection write; the server enforces it anyway.
 */
export function DraftEditor({
  doc,
  provider,
  editable,
  label,
}: {
  doc: Y.Doc;
  provider: WebsocketProvider;
  editable: boolean;
  label: string;
}) {
  const { t } = useTranslation('drafts');
  const editor = useCollabEditor({
    doc,
    provider,
    editable,
    extensions: [...draftExtensions(), AnnotationHighlights, ReadingKeyboard],
    // The draft's own language decides its direction, not the interface language.
    attributes: { class: 'draft-content', dir: 'auto', 'aria-label': label },
  });
  useEffect(() => {
    annotationBridge.registerEditor(editor, provider.roomname);
    return () => annotationBridge.registerEditor(null, null);
  }, [editor, provider]);
  if (!editor) return <p role="status">{t('connecting')}</p>;
  return (
    <div className={editable ? 'draft-editor is-editable' : 'draft-editor'}>
      {editable && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} />
      {/* Actions on the reader's selection ("Comment") render here, so Tab goes from the draft to them. */}
      <div id={DRAFT_SELECTION_ACTIONS} className="draft-selection-actions" />
    </div>
  );
}
