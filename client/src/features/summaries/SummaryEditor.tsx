import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { DRAFT_FRAGMENT, summaryExtensions } from '../../../../shared/editor/extensions';
import { EditorToolbar } from '../../editor/EditorToolbar';

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
  const editor = useEditor(
    {
      extensions: [
        ...summaryExtensions(),
        Collaboration.configure({ document: doc, field: DRAFT_FRAGMENT }),
        CollaborationCaret.configure({ provider, user: { name: '', color: '#777777' } }),
      ],
      editable,
      editorProps: {
        attributes: {
          class: 'draft-content summary-content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('editor.label'),
        },
      },
    },
    [doc, provider],
  );
  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable);
    editor.view.dom.setAttribute('aria-readonly', String(!editable));
  }, [editor, editable]);
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
