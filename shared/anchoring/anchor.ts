import * as Y from 'yjs';
import type { AnchorStatus } from '../domain.js';
import { draftFragment, plainText, type PlainText } from './plain-text.js';

/** How many characters of context are kept on each side of a quote. */
export const QUOTE_CONTEXT = 32;

/** A text-quote selector (W3C Web Annotation): the passage and a little context around it. */
export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * An anchor as stored with a thread: two Yjs relative positions (base64 of `Y.encodeRelativePosition`), which
 * follow the text through concurrent edits, and the quote as it read when the anchor was made.
 */
export interface StoredAnchor {
  start: string;
  end: string;
  quote: TextQuote;
}

export interface ResolvedAnchor {
  status: AnchorStatus;
  /** Plain-text offsets in the current document; absent when orphaned. */
  from?: number;
  to?: number;
  /** The passage as it reads now. */
  currentText?: string;
}

export const encodeRelative = (rel: Y.RelativePosition) => bytesToBase64(Y.encodeRelativePosition(rel));

/** Decodes a relative position sent by a client; anything malformed is null, never an exception. */
export function decodeRelative(b64: unknown): Y.RelativePosition | null {
  if (typeof b64 !== 'string' || b64.length === 0 || b64.length > 200 || !/^[A-Za-z0-9+/=]+$/.test(b64)) {
    return null;
  }
  try {
    return Y.decodeRelativePosition(base64ToBytes(b64));
  } catch {
    return null;
  }
}

/** The plain-text offset a relative position points at now, or null when it no longer resolves. */
export function offsetOf(doc: Y.Doc, pt: PlainText, rel: Y.RelativePosition): number | null {
  let abs: Y.AbsolutePosition | null;
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  } catch {
    return null; // A forged position can name items in shapes Yjs does not expect.
  }
  if (!abs) return null;
  const span = pt.spans.get(abs.type);
  if (!span) return null;
  if (abs.type instanceof Y.XmlText) return span.start + abs.index;
  // A position between the children of an element: the start of that child, or the element's end.
  const children = (abs.type as Y.XmlElement | Y.XmlFragment).toArray();
  const child: object | undefined = children[abs.index];
  return child ? (pt.spans.get(child)?.start ?? span.end) : span.end;
}

/** The text (of a text block) that holds a plain-text offset, and the offset's index in it. */
export function textAt(pt: PlainText, offset: number): { type: Y.XmlText; index: number } | null {
  let best: { type: Y.XmlText; start: number } | null = null;
  for (const [type, span] of pt.spans) {
    if (type instanceof Y.XmlText && span.start <= offset && offset <= span.end) {
      // Prefer the text that starts at the offset over one that ends there, so anchors stick to the passage.
      if (!best || span.start > best.start) best = { type, start: span.start };
    }
  }
  return best && { type: best.type, index: offset - best.start };
}

/** The relative position at a plain-text offset (inside the text block that contains it). */
export function relativeAt(pt: PlainText, offset: number, assoc = 0): Y.RelativePosition | null {
  const at = textAt(pt, offset);
  return at && Y.createRelativePositionFromTypeIndex(at.type, at.index, assoc);
}

export function quoteAt(text: string, from: number, to: number): TextQuote {
  return {
    exact: text.slice(from, to),
    prefix: text.slice(Math.max(0, from - QUOTE_CONTEXT), from),
    suffix: text.slice(to, to + QUOTE_CONTEXT),
  };
}

/** Makes an anchor over plain-text offsets of the document's current state. */
export function anchorFromOffsets(doc: Y.Doc, from: number, to: number): StoredAnchor | null {
  const pt = plainText(draftFragment(doc));
  if (!(from < to) || to > pt.text.length) return null;
  const start = relativeAt(pt, from, 0);
  // The end sticks to the character before it, so text typed right after the passage stays outside.
  const end = relativeAt(pt, to, -1);
  if (!start || !end) return null;
  return { start: encodeRelative(start), end: encodeRelative(end), quote: quoteAt(pt.text, from, to) };
}

/**
 * Where a stored anchor stands in the document now:
 * 1. both positions resolve to a non-empty range → `exact` (same text) or `moved` (the passage was rewritten);
 * 2. otherwise the quote is searched with its context → `moved` at the found place;
 * 3. nothing found → `orphaned` (shown apart, never lost).
 */
export function resolveAnchor(doc: Y.Doc, anchor: StoredAnchor): ResolvedAnchor {
  return resolveAnchorIn(doc, plainText(draftFragment(doc)), anchor);
}

/** Resolves many anchors over one reading of the document (a thread list resolves all of them per request). */
export function resolveAnchors(doc: Y.Doc, anchors: StoredAnchor[]): ResolvedAnchor[] {
  const pt = plainText(draftFragment(doc));
  return anchors.map((a) => resolveAnchorIn(doc, pt, a));
}

/** `resolveAnchor` over an already computed plain text of `doc`. */
export function resolveAnchorIn(doc: Y.Doc, pt: PlainText, anchor: StoredAnchor): ResolvedAnchor {
  const start = decodeRelative(anchor.start);
  const end = decodeRelative(anchor.end);
  const from = start && offsetOf(doc, pt, start);
  const to = end && offsetOf(doc, pt, end);
  if (from != null && to != null && from < to) {
    const currentText = pt.text.slice(from, to);
    return { status: currentText === anchor.quote.exact ? 'exact' : 'moved', from, to, currentText };
  }
  const found = findQuote(pt.text, anchor.quote, from ?? to ?? undefined);
  if (found)
    return {
      status: 'moved',
      from: found.from,
      to: found.to,
      currentText: pt.text.slice(found.from, found.to),
    };
  return { status: 'orphaned' };
}

/**
 * Finds a quote in a text: every exact occurrence is scored by how much of the prefix and suffix match around
 * it, then by closeness to a hint offset. Returns null if the exact text is nowhere.
 */
export function findQuote(
  text: string,
  quote: TextQuote,
  hint?: number,
): { from: number; to: number } | null {
  if (!quote.exact) return null;
  let best: { from: number; score: number; distance: number } | null = null;
  for (let i = text.indexOf(quote.exact); i !== -1; i = text.indexOf(quote.exact, i + 1)) {
    const score =
      commonSuffixLength(text.slice(Math.max(0, i - quote.prefix.length), i), quote.prefix) +
      commonPrefixLength(
        text.slice(i + quote.exact.length, i + quote.exact.length + quote.suffix.length),
        quote.suffix,
      );
    const distance = hint === undefined ? 0 : Math.abs(hint - i);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { from: i, score, distance };
    }
  }
  return best ? { from: best.from, to: best.from + quote.exact.length } : null;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
