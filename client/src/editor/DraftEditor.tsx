import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { DRAFT_FRAGMENT, draftExtensions } from '../../../shared/editor/extensions';
import { annotationBridge } from '../features/annotations/annotation-bridge';
import { AnnotationHighlights } from './annotation-highlights';
import { EditorToolbar } from './EditorToolbar';

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
  const editor = useEditor(
    {
      extensions: [
        ...draftExtensions(),
        Collaboration.configure({ document: doc, field: DRAFT_FRAGMENT }),
        CollaborationCaret.configure({ provider, user: { name: '', color: '#777777' } }),
        AnnotationHighlights,
      ],
      editable,
      editorProps: {
        attributes: {
          class: 'draft-content',
          // The draft's own language decides its direction, not the interface language.
          dir: 'auto',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          'aria-readonly': String(!editable),
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
    annotationBridge.registerEditor(editor, provider.roomname);
    return () => annotationBridge.registerEditor(null, null);
  }, [editor, provider]);
  if (!editor) return <p role="status">{t('connecting')}</p>;
  return (
    <div className={editable ? 'draft-editor is-editable' : 'draft-editor'}>
      {editable && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}
