import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { anchorFromOffsets, offsetOf, resolveAnchorIn, textAt } from '../../../shared/anchoring/anchor';
import { plainText, type PlainText } from '../../../shared/anchoring/plain-text';
import {
  annotationBridge,
  type HighlightAnchor,
  type LivePosition,
} from '../features/annotations/annotation-bridge';

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<unknown, unknown>;
}

interface HighlightState {
  decorations: DecorationSet;
  /** Null until the binding synced: the sidebar then keeps the server's statuses. */
  positions: Map<string, LivePosition> | null;
}

const EMPTY: HighlightState = { decorations: DecorationSet.empty, positions: null };
const key = new PluginKey<HighlightState>('annotationHighlights');

function bindingOf(state: EditorState): Binding | null {
  const b = ySyncPluginKey.getState(state)?.binding as Binding | undefined;
  // Before the first sync the mapping is empty and no position can be mapped.
  return b && b.mapping.size > 0 ? b : null;
}

/**
 * This editor's position of a plain-text offset: where the text holding it starts in the editor, plus the
 * offset's index in that text. The start is resolved from a position naming the text among its block's
 * children, not from a position inside the text: y-tiptap (3.0.9) answers null for any position inside a text
 * that lands at the document's very start (`isMisresolvedTextPosition`, a guard for carets while syncing), so
 * a passage opening the draft (its first heading's first words) was never highlighted.
 */
function pmPositionAt(binding: Binding, pt: PlainText, offset: number): number | null {
  const at = textAt(pt, offset);
  const block = at?.type.parent;
  if (!at || !(block instanceof Y.XmlElement)) return null;
  const child = block.toArray().indexOf(at.type);
  const textStart = relativePositionToAbsolutePosition(
    binding.doc,
    binding.type,
    Y.createRelativePositionFromTypeIndex(block, child),
    binding.mapping as never,
  );
  return textStart == null ? null : textStart + at.index;
}

/**
 * Highlights annotated passages as decorations: nothing is written into the shared document (the draft is an
 * official text). Every anchor is resolved with the same shared function as the server (relative positions,
 * then the quote), in plain-text offsets, which are then mapped to this editor's positions through Yjs.
 */
function highlightsFor(
  state: EditorState,
  anchors: HighlightAnchor[],
  active: string | null,
): HighlightState {
  const binding = bindingOf(state);
  if (!binding) return EMPTY;
  const positions = new Map<string, LivePosition>();
  const pt = plainText(binding.type);
  const toPm = (offset: number) => pmPositionAt(binding, pt, offset);
  const decorations: Decoration[] = [];
  for (const a of anchors) {
    const r = resolveAnchorIn(binding.doc, pt, a.anchor);
    positions.set(a.threadId, { status: r.status, from: r.from ?? null, currentText: r.currentText ?? null });
    if (r.from == null || r.to == null) continue;
    const from = toPm(r.from);
    const to = toPm(r.to);
    if (from == null || to == null || from >= to) continue;
    decorations.push(
      Decoration.inline(from, to, {
        class: a.threadId === active ? 'annotation-highlight is-active' : 'annotation-highlight',
        'data-thread-id': a.threadId,
      }),
    );
  }
  return { decorations: DecorationSet.create(state.doc, decorations), positions };
}

/**
 * The anchor of a range of this editor: relative positions from y-tiptap (with the binding's mapping), turned
 * into plain-text offsets by the shared helper, from which the anchor and its quote are built exactly as the
 * server checks them.
 */
export function anchorOfRange(state: EditorState, from: number, to: number) {
  const binding = bindingOf(state);
  if (!binding || !(from < to)) return null;
  const start = absolutePositionToRelativePosition(
    from,
    binding.type,
    binding.mapping as never,
  ) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(
    to,
    binding.type,
    binding.mapping as never,
  ) as Y.RelativePosition;
  const pt = plainText(binding.type);
  const a = offsetOf(binding.doc, pt, start);
  const b = offsetOf(binding.doc, pt, end);
  if (a == null || b == null || !(a < b)) return null;
  // Rebuilt from the offsets so the end sticks to the passage's last character, as the server expects.
  return anchorFromOffsets(binding.doc, a, b);
}

/**
 * The reader's selection, read from the DOM: the draft is read-only for most people, and a read-only view's
 * selection is the browser's (mouse, keyboard with caret browsing, or touch handles).
 */
function publishSelection(view: EditorView) {
  const sel = document.getSelection();
  if (!sel || sel.isCollapsed || !sel.anchorNode || !sel.focusNode)
    return annotationBridge.setSelection(null);
  if (!view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) {
    return annotationBridge.setSelection(null);
  }
  let from: number;
  let to: number;
  try {
    from = view.posAtDOM(sel.anchorNode, sel.anchorOffset);
    to = view.posAtDOM(sel.focusNode, sel.focusOffset);
  } catch {
    return annotationBridge.setSelection(null);
  }
  if (from > to) [from, to] = [to, from];
  const anchor = anchorOfRange(view.state, from, to);
  if (!anchor || !anchor.quote.exact.trim()) return annotationBridge.setSelection(null);
  annotationBridge.setSelection({ anchor, range: sel.getRangeAt(0).cloneRange() });
}

export const AnnotationHighlights = Extension.create({
  name: 'annotationHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key,
        state: {
          init: () => EMPTY,
          apply(tr, old, _prev, next) {
            // Recompute on a document change (local or from y-sync) and when the sidebar sends new anchors.
            if (!tr.docChanged && !tr.getMeta(key) && !tr.getMeta(ySyncPluginKey)) return old;
            const { anchors, activeThreadId } = annotationBridge.get();
            return highlightsFor(next, anchors, activeThreadId);
          },
        },
        props: {
          decorations: (state) => key.getState(state)?.decorations,
          handleDOMEvents: {
            // The DOM click rather than ProseMirror's handleClick, which never runs after a touch (ProseMirror
            // ignores the mouse events a tap emulates): tapping a highlight activates its thread too.
            click(view, event) {
              // What is under the pointer now, not the event's target: when the draft re-renders between press
              // and release (a selection drawn), the click goes to the paragraph around the highlight.
              const under = document.elementFromPoint(event.clientX, event.clientY);
              const el = under && view.dom.contains(under) ? under.closest('[data-thread-id]') : null;
              annotationBridge.setActive(el?.getAttribute('data-thread-id') ?? null);
              return false;
            },
          },
        },
        view(view) {
          // The sidebar's anchors or active thread changed: ask the plugin to recompute.
          const unsubscribe = annotationBridge.subscribe(() => {
            const { anchors, activeThreadId } = annotationBridge.get();
            if (anchors === lastAnchors && activeThreadId === lastActive) return;
            lastAnchors = anchors;
            lastActive = activeThreadId;
            if (!view.isDestroyed)
              view.dispatch(view.state.tr.setMeta(key, true).setMeta('addToHistory', false));
          });
          let lastAnchors: HighlightAnchor[] | null = null;
          let lastPositions: Map<string, LivePosition> | null = null;
          let lastActive: string | null = null;
          let timer: ReturnType<typeof setTimeout> | null = null;
          const onSelection = () => {
            if (timer) clearTimeout(timer);
            // Touch screens adjust the selection handles for a while: wait until it settles.
            timer = setTimeout(() => !view.isDestroyed && publishSelection(view), 150);
          };
          document.addEventListener('selectionchange', onSelection);
          return {
            update(v, prev) {
              // An edit moves the passage on the page (and may change its words): published anew.
              if (!prev.selection.eq(v.state.selection) || prev.doc !== v.state.doc) onSelection();
              const positions = key.getState(v.state)?.positions ?? null;
              if (positions && positions !== lastPositions) {
                lastPositions = positions;
                // After this dispatch, not inside it: the sidebar re-renders from a settled state.
                queueMicrotask(() => annotationBridge.setPositions(positions));
              }
            },
            destroy() {
              unsubscribe();
              if (timer) clearTimeout(timer);
              document.removeEventListener('selectionchange', onSelection);
            },
          };
        },
      }),
    ];
  },
});
