import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import type { Extensions } from '@tiptap/core';
import { useEditor } from '@tiptap/react';
import { useEffect } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { DRAFT_FRAGMENT } from '../../../shared/editor/extensions';

/**
 * A Tiptap editor bound to a Yjs document, as the draft and the summary both use it: the given schema,
 * Collaboration on the shared fragment, other writers' carets (names and colours are set by the server), and
 * editability that follows what the server currently allows this connection.
 */
export function useCollabEditor({
  doc,
  provider,
  editable,
  extensions,
  attributes,
}: {
  doc: Y.Doc;
  provider: WebsocketProvider;
  editable: boolean;
  extensions: Extensions;
  attributes: Record<string, string>;
}) {
  const editor = useEditor(
    {
      extensions: [
        ...extensions,
        Collaboration.configure({ document: doc, field: DRAFT_FRAGMENT }),
        CollaborationCaret.configure({ provider, user: { name: '', color: '#777777' } }),
      ],
      editable,
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-readonly': String(!editable),
          ...attributes,
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
  return editor;
}
