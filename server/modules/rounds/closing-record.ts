import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json.js';
import {
  CLOSING_DIGEST_FIELDS,
  type ClosingRecord,
  type RecordDifference,
} from '../../../shared/schemas/rounds.js';
import type { ClosingRecordBuilder } from './round-events.js';
import type { Round } from './round.entity.js';

export const CLOSING_RECORD_VERSION = 1;

/**
 * The record as it will be stored and exported. It goes through JSON once, so that what we hash is exactly
 * what PostgreSQL's jsonb keeps and what an exporter receives (dates as ISO strings, no undefined).
 */
export function buildClosingRecord(round: Round, builder: ClosingRecordBuilder): ClosingRecord {
  if (!round.closedAt) throw new Error('A closing record needs the round closed');
  return JSON.parse(
    JSON.stringify({
      version: CLOSING_RECORD_VERSION,
      roundId: round.id,
      consultationId: round.consultationId,
      number: round.number,
      closedAt: round.closedAt.toISOString(),
      sections: builder.sections,
      counts: builder.counts,
    }),
  ) as ClosingRecord;
}

/** SHA-256 (hex) over the canonical JSON of the sealed fields: what anyone recomputes from the export. */
export function closingDigest(record: ClosingRecord): string {
  const sealed = Object.fromEntries(CLOSING_DIGEST_FIELDS.map((k) => [k, record[k]]));
  return createHash('sha256').update(canonicalJson(sealed), 'utf8').digest('hex');
}

const idOf = (item: unknown): string | null =>
  typeof item === 'object' && item !== null && 'id' in item ? String((item as { id: unknown }).id) : null;

/**
 * The first place where the stored record and the content gathered now disagree: identity fields first,
 * then sections in canonical (sorted) order, items by `id` in stored order.
 */
export function firstDifference(stored: ClosingRecord, now: ClosingRecord): RecordDifference | null {
  for (const field of ['roundId', 'consultationId', 'number', 'closedAt', 'version'] as const) {
    if (canonicalJson(stored[field]) !== canonicalJson(now[field])) {
      return { section: 'round', itemId: stored.roundId, reason: `${field} differs` };
    }
  }
  const names = [...new Set([...Object.keys(stored.sections), ...Object.keys(now.sections)])].sort();
  for (const section of names) {
    if (!(section in now.sections))
      return { section, itemId: null, reason: 'section is missing from the content now' };
    if (!(section in stored.sections))
      return { section, itemId: null, reason: 'section was not in the sealed record' };
    const a = stored.sections[section];
    const b = now.sections[section];
    if (canonicalJson(a) === canonicalJson(b)) continue;
    if (!Array.isArray(a) || !Array.isArray(b)) return { section, itemId: null, reason: 'content differs' };
    const byId = new Map(b.map((item, index) => [idOf(item), { item, index }]));
    for (const [index, item] of a.entries()) {
      const id = idOf(item);
      const match = byId.get(id);
      if (!match) return { section, itemId: id, reason: 'item is missing from the content now' };
      if (canonicalJson(match.item) !== canonicalJson(item))
        return { section, itemId: id, reason: 'item content differs' };
      if (match.index !== index) return { section, itemId: id, reason: 'item moved' };
    }
    const storedIds = new Set(a.map(idOf));
    const added = b.find((item) => !storedIds.has(idOf(item)));
    return { section, itemId: idOf(added), reason: 'item was added after the round closed' };
  }
  return null;
}
