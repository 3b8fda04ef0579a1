import { HttpStatus } from '@nestjs/common';
import * as Y from 'yjs';
import { decodeRelative, offsetOf, quoteAt, type StoredAnchor } from '../../../shared/anchoring/anchor.js';
import { draftFragment, plainText } from '../../../shared/anchoring/plain-text.js';
import { ERROR_CODES } from '../../../shared/domain.js';
import type { AnchorInput } from '../../../shared/schemas/annotations.js';
import { DomainError } from '../../common/errors.js';

const unprocessable = (message: string) =>
  new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, ERROR_CODES.VALIDATION, message);

/** Whitespace differences (a line break rendered as a space by a browser) do not make a quote wrong. */
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Checks an anchor a client sent against the server's own copy of the round's draft and returns the anchor to
 * store, with the quote the SERVER reads between the positions. Refuses positions that do not resolve in this
 * draft (forged, or from another draft), an empty passage, and a quote that is not what the positions cover.
 */
export function checkAnchor(doc: Y.Doc, input: AnchorInput): StoredAnchor {
  const pt = plainText(draftFragment(doc));
  const start = decodeRelative(input.start);
  const end = decodeRelative(input.end);
  if (!start || !end) throw unprocessable('The anchor’s positions are not valid Yjs relative positions');
  const from = offsetOf(doc, pt, start);
  const to = offsetOf(doc, pt, end);
  if (from == null || to == null) {
    throw unprocessable(
      'The anchor’s positions do not resolve in this round’s draft (was it made on another draft?)',
    );
  }
  if (!(from < to)) throw unprocessable('The anchored passage is empty: select some text to comment on');
  const seen = pt.text.slice(from, to);
  if (normalise(seen) !== normalise(input.quote.exact)) {
    throw unprocessable(
      'The quoted text does not match the passage at these positions; the draft may have changed, select it again',
    );
  }
  return { start: input.start, end: input.end, quote: quoteAt(pt.text, from, to) };
}
