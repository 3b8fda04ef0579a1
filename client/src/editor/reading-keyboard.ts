import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

const key = new PluginKey('readingKeyboard');

type Move = [direction: 'left' | 'right' | 'backward' | 'forward', granularity: string];

/** What each key does to the caret, as in a text field (directions left/right follow the text's direction). */
function moveFor(e: KeyboardEvent): Move | null {
  const byWord = e.ctrlKey || e.altKey;
  switch (e.key) {
    case 'ArrowLeft':
      return ['left', byWord ? 'word' : 'character'];
    case 'ArrowRight':
      return ['right', byWord ? 'word' : 'character'];
    case 'ArrowUp':
      return ['backward', 'line'];
    case 'ArrowDown':
      return ['forward', 'line'];
    case 'Home':
      return ['backward', 'lineboundary'];
    case 'End':
      return ['forward', 'lineboundary'];
    default:
      return null;
  }
}

/** The first text of the draft, where a caret goes when the draft gets focus without one. */
function firstText(root: HTMLElement): Text | null {
  return document.createTreeWalker(root, NodeFilter.SHOW_TEXT).nextNode() as Text | null;
}

function onKeyDown(view: EditorView, e: KeyboardEvent): boolean {
  const sel = document.getSelection();
  if (!sel) return false;
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'a') {
    // Select the draft, not the whole page.
    e.preventDefault();
    sel.selectAllChildren(view.dom);
    return true;
  }
  const move = moveFor(e);
  if (!move || e.metaKey) return false;
  e.preventDefault();
  if (!sel.focusNode || !view.dom.contains(sel.focusNode)) {
    const text = firstText(view.dom);
    if (text) sel.collapse(text, 0);
    return true;
  }
  const { anchorNode, anchorOffset, focusNode, focusOffset } = sel;
  sel.modify(e.shiftKey ? 'extend' : 'move', move[0], move[1]);
  // The caret never leaves the draft for the page around it.
  if (!sel.focusNode || !view.dom.contains(sel.focusNode)) {
    sel.setBaseAndExtent(anchorNode!, anchorOffset, focusNode, focusOffset);
  }
  const at = sel.focusNode instanceof Element ? sel.focusNode : sel.focusNode?.parentElement;
  at?.scrollIntoView({ block: 'nearest' });
  return true;
}

/** A caret for a read-only draft: browsers draw none outside editable text. Shown on keyboard focus (CSS). */
function caretWidget() {
  const el = document.createElement('span');
  el.className = 'reading-caret';
  el.setAttribute('aria-hidden', 'true');
  return el;
}

/**
 * Reading the draft from the keyboard while it is read-only: the view stays non-editable (no virtual keyboard
 * on phones, nothing to type into) but is focusable, and the arrow keys (with Shift to select, Ctrl or Alt by
 * word, Home and End) move a visible caret through the text. ProseMirror reads that selection from the DOM,
 * so selecting a passage this way offers "Comment" as a mouse selection does.
 */
export const ReadingKeyboard = Extension.create({
  name: 'readingKeyboard',
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key,
        props: {
          // options.editable, not isEditable: it is set before the view recomputes these on setEditable.
          attributes: (): Record<string, string> => (editor.options.editable ? {} : { tabindex: '0' }),
          decorations(state) {
            const { selection } = state;
            if (editor.options.editable || !selection.empty) return null;
            return DecorationSet.create(state.doc, [
              Decoration.widget(selection.head, caretWidget, { key: 'reading-caret', ignoreSelection: true }),
            ]);
          },
          handleDOMEvents: {
            keydown: (view, e) => !view.editable && onKeyDown(view, e),
            focus(view) {
              // From the keyboard only: a click or a tap places its own selection.
              if (view.editable || !view.dom.matches(':focus-visible')) return false;
              const sel = document.getSelection();
              if (sel && !(sel.focusNode && view.dom.contains(sel.focusNode))) {
                const text = firstText(view.dom);
                if (text) sel.collapse(text, 0);
              }
              return false;
            },
          },
        },
      }),
    ];
  },
});
