import type { Editor } from '@tiptap/core';
import { useSyncExternalStore } from 'react';
import type { StoredAnchor } from '../../../../shared/anchoring/anchor';

/** The id of the element right after the draft where actions on its selection ("Comment") render. */
export const DRAFT_SELECTION_ACTIONS = 'draft-selection-actions';

/** A passage the draft should highlight. */
export interface HighlightAnchor {
  threadId: string;
  anchor: StoredAnchor;
  resolved: boolean;
}

/** The reader's current selection in the draft, ready to annotate. */
export interface DraftSelection {
  anchor: StoredAnchor;
  /** The selected passage in the page, a copy the browser keeps up to date: the "Comment" button goes below it. */
  range: Range;
}

/** Where a thread's passage is in the draft as this browser has it now (plain-text offset), or orphaned. */
export interface LivePosition {
  status: 'exact' | 'moved' | 'orphaned';
  from: number | null;
  /** The passage as it reads now in this browser. */
  currentText: string | null;
}

interface BridgeState {
  editor: Editor | null;
  /** Filled by the editor on every change of the draft, so the sidebar follows edits without a refetch. */
  positions: Map<string, LivePosition> | null;
  docName: string | null;
  anchors: HighlightAnchor[];
  activeThreadId: string | null;
  selection: DraftSelection | null;
}

/**
 * The one link between the draft editor (slot:draft) and the threads sidebar (slot:side), which React mounts
 * apart: the sidebar publishes the passages to highlight and the active thread; the editor publishes its
 * instance and the reader's selection. A tiny store rather than a context, so neither slot wraps the other.
 */
let state: BridgeState = {
  editor: null,
  positions: null,
  docName: null,
  anchors: [],
  activeThreadId: null,
  selection: null,
};
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

function set(patch: Partial<BridgeState>) {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export const annotationBridge = {
  get: () => state,
  subscribe,
  registerEditor(editor: Editor | null, docName: string | null) {
    set({ editor, docName, selection: null, positions: null });
  },
  setAnchors(anchors: HighlightAnchor[]) {
    // The editor recomputes its highlights on every change here, so an equal list is not a change.
    const same =
      anchors.length === state.anchors.length &&
      anchors.every((a, i) => {
        const b = state.anchors[i];
        return a.threadId === b.threadId && a.anchor === b.anchor && a.resolved === b.resolved;
      });
    if (!same) set({ anchors });
  },
  setActive(threadId: string | null) {
    if (state.activeThreadId !== threadId) set({ activeThreadId: threadId });
  },
  setPositions(positions: Map<string, LivePosition>) {
    const old = state.positions;
    const same =
      !!old &&
      old.size === positions.size &&
      [...positions].every(([id, p]) => {
        const o = old.get(id);
        return o?.status === p.status && o.from === p.from && o.currentText === p.currentText;
      });
    if (!same) set({ positions });
  },
  setSelection(selection: DraftSelection | null) {
    if (selection === null && state.selection === null) return;
    set({ selection });
  },
};

export function useAnnotationBridge<T>(pick: (s: BridgeState) => T): T {
  return useSyncExternalStore(subscribe, () => pick(state));
}

/**
 * Scrolls the draft to a thread's highlight, if it is in the document now. Here rather than beside the editor
 * plugin, so the sidebar does not pull Tiptap and Yjs into the main bundle (the editor loads on demand).
 */
export function scrollToHighlight(threadId: string): boolean {
  const dom = state.editor?.view.dom;
  const el = dom?.querySelector(`[data-thread-id="${CSS.escape(threadId)}"]`);
  if (!el) return false;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  return true;
}
