import { EditorContent, type Editor } from '@tiptap/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { summaryExtensions } from '../../../../shared/editor/extensions';
import { EditorToolbar } from '../../editor/EditorToolbar';
import { useCollabEditor } from '../../editor/useCollabEditor';

/**
 * The chairs' summary: the draft's editor with the summary schema (citations), bound to the round's summary
 * document. `onEditor` hands the editor to the page (for "start from the digest" and the citation picker).
 */
export function SummaryEditor({
  doc,
  provider,
  editable,
  onEditor,
}: {
  doc: Y.Doc;
  provider: WebsocketProvider;
  editable: boolean;
  onEditor: (editor: Editor | null) => void;
}) {
  const { t } = useTranslation('summaries');
  const editor = useCollabEditor({
    doc,
    provider,
    editable,
    extensions: summaryExtensions(),
    attributes: { class: 'draft-content summary-content', 'aria-label': t('editor.label') },
  });
  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);
  if (!editor) return <p role="status">{t('editor.connecting')}</p>;
  return (
    <div className={editable ? 'draft-editor is-editable' : 'draft-editor'}>
      {editable && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}
