import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorFromOffsets, decodeRelative, findQuote, resolveAnchor } from './anchor.js';
import { draftFragment, plainText } from './plain-text.js';

/** A draft shaped as Tiptap stores it: paragraphs of XmlText under the 'default' fragment. */
function draft(...paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = draftFragment(doc);
  fragment.insert(
    0,
    paragraphs.map((p) => {
      const el = new Y.XmlElement('paragraph');
      el.insert(0, [new Y.XmlText(p)]);
      return el;
    }),
  );
  return doc;
}

const textAt = (doc: Y.Doc, i: number) => (draftFragment(doc).get(i) as Y.XmlElement).get(0) as Y.XmlText;

/** A second replica, as another client or the server holds it. */
function replica(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  return other;
}

describe('plainText', () => {
  it('joins text blocks with line breaks, nested lists included', () => {
    const doc = draft('First paragraph.', 'Second one.');
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const para = new Y.XmlElement('paragraph');
    para.insert(0, [new Y.XmlText('A bullet.')]);
    item.insert(0, [para]);
    list.insert(0, [item]);
    draftFragment(doc).insert(2, [list]);
    expect(plainText(draftFragment(doc)).text).toBe('First paragraph.\nSecond one.\nA bullet.');
  });
});

describe('anchors', () => {
  it('resolve to the same words after concurrent inserts and deletions elsewhere', () => {
    const server = draft('The proposal brings coherence to the Union.', 'It also brings inclusiveness.');
    const text = plainText(draftFragment(server)).text;
    const from = text.indexOf('coherence');
    const anchor = anchorFromOffsets(server, from, from + 'coherence'.length)!;
    expect(anchor.quote).toEqual({
      exact: 'coherence',
      prefix: 'The proposal brings ',
      suffix: text.slice(from + 'coherence'.length, from + 'coherence'.length + 32),
    });
    expect(anchor.quote.suffix).toMatch(/^ to the Union\.\nIt also/);

    // The secretariat edits around the passage on another replica.
    const editor = replica(server);
    textAt(editor, 0).insert(0, 'In short, ');
    textAt(editor, 0).delete('In short, The proposal '.length, 'brings '.length);
    textAt(editor, 1).insert(0, 'Moreover: ');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(editor));

    const resolved = resolveAnchor(server, anchor);
    expect(resolved).toMatchObject({ status: 'exact', currentText: 'coherence' });
    expect(plainText(draftFragment(server)).text.slice(resolved.from, resolved.to)).toBe('coherence');
  });

  it('reports a rewritten passage as moved, with the text as it reads now', () => {
    const doc = draft('We propose a dedicated group.');
    const from = 'We propose a '.length;
    const anchor = anchorFromOffsets(doc, from, from + 'dedicated group'.length)!;
    textAt(doc, 0).insert(from + 'dedicated'.length, ' and open');
    expect(resolveAnchor(doc, anchor)).toMatchObject({
      status: 'moved',
      currentText: 'dedicated and open group',
    });
  });

  it('orphans a deleted passage, and finds it again when the same text returns', () => {
    const doc = draft('Keep this.', 'Delete this passage entirely.', 'Keep that.');
    const text = plainText(draftFragment(doc)).text;
    const from = text.indexOf('this passage');
    const anchor = anchorFromOffsets(doc, from, from + 'this passage'.length)!;
    draftFragment(doc).delete(1, 1);
    expect(resolveAnchor(doc, anchor)).toEqual({ status: 'orphaned' });

    const para = new Y.XmlElement('paragraph');
    para.insert(0, [new Y.XmlText('Restored: this passage is back.')]);
    draftFragment(doc).insert(1, [para]);
    expect(resolveAnchor(doc, anchor)).toMatchObject({ status: 'moved', currentText: 'this passage' });
  });

  it('still resolve in a new round whose draft starts from the previous final state', () => {
    const round1 = draft('Resolution 102 instructs the Secretary-General.');
    const anchor = anchorFromOffsets(round1, 0, 'Resolution 102'.length)!;
    const round2 = replica(round1);
    textAt(round2, 0).insert(0, 'Recalling that ');
    expect(resolveAnchor(round2, anchor)).toMatchObject({ status: 'exact', currentText: 'Resolution 102' });
  });

  it('overlap freely', () => {
    const doc = draft('one two three four');
    const a = anchorFromOffsets(doc, 0, 'one two three'.length)!;
    const b = anchorFromOffsets(doc, 'one '.length, 'one two three four'.length)!;
    expect(resolveAnchor(doc, a).currentText).toBe('one two three');
    expect(resolveAnchor(doc, b).currentText).toBe('two three four');
  });

  it('refuse empty or out-of-range selections, and malformed positions decode to null', () => {
    const doc = draft('short');
    expect(anchorFromOffsets(doc, 2, 2)).toBeNull();
    expect(anchorFromOffsets(doc, 0, 99)).toBeNull();
    expect(decodeRelative('not base64!')).toBeNull();
    expect(decodeRelative('')).toBeNull();
    expect(decodeRelative(42)).toBeNull();
  });

  it('leave a forged anchor (positions of items that do not exist, a quote that is not there) orphaned', () => {
    const doc = draft('The real text.');
    const forged = { start: 'AAAA', end: 'AAAB', quote: { exact: 'invented words', prefix: '', suffix: '' } };
    expect(resolveAnchor(doc, forged)).toEqual({ status: 'orphaned' });
  });
});

describe('findQuote', () => {
  it('prefers the occurrence whose context matches', () => {
    const text = 'the group shall report. Later, the group shall meet.';
    const found = findQuote(text, { exact: 'the group shall', prefix: 'Later, ', suffix: ' meet' });
    expect(found?.from).toBe(text.lastIndexOf('the group shall'));
  });
});
