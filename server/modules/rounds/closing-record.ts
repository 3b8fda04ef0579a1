import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json.js';
import {
  CLOSING_DIGEST_FIELDS,
  type ClosingRecord,
  type RecordDifference,
  type RedactedItem,
} from '../../../shared/schemas/rounds.js';
import { withoutAccountIds, type ClosingRecordBuilder } from './round-events.js';
import type { Round } from './round.entity.js';

export const CLOSING_RECORD_VERSION = 1;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash that stands for one sealed item in the digest. */
export const itemHash = (item: unknown) => sha256(canonicalJson(item));

export const DIGEST_RECIPE =
  'sha256 over canonicalJson({version, roundId, consultationId, number, closedAt, sections}) where each section ' +
  'is the list of sha256(canonicalJson(item)) of its items (an item marked redacted gives its hash; a section ' +
  'that is not a list is one item); canonicalJson sorts object keys and writes no whitespace.';

/**
 * The record as it will be stored and exported. It goes through JSON once, so that what we hash is exactly
 * what PostgreSQL's jsonb keeps and what an exporter receives (dates as ISO strings, no undefined).
 */
export function buildClosingRecord(round: Round, builder: ClosingRecordBuilder): ClosingRecord {
  if (!round.closedAt) throw new Error('A closing record needs the round closed');
  const record = JSON.parse(
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
  const redactions = redactionsOf(record.sections, builder.publicViews);
  if (Object.keys(redactions).length) record.redactions = redactions;
  return record;
}

/** What readers see of the items a module withholds, computed once at close and stored with the record. */
function redactionsOf(
  sections: Record<string, unknown>,
  views: ClosingRecordBuilder['publicViews'],
): NonNullable<ClosingRecord['redactions']> {
  const out: NonNullable<ClosingRecord['redactions']> = {};
  for (const [section, view] of Object.entries(views)) {
    const items = sections[section];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const shown = (view as (i: unknown) => Record<string, unknown> | null)(item);
      if (shown && canonicalJson(shown) === canonicalJson(item)) continue;
      const id = idOf(item);
      (out[section] ??= {})[String(id)] = JSON.parse(
        JSON.stringify({ ...(shown ?? {}), id, redacted: true, hash: itemHash(item) }),
      ) as RedactedItem;
    }
  }
  return out;
}

/**
 * Whether a reader's view of a sealed item withholds some of its content (a hidden or withdrawn comment's
 * words, the chairs' unpublished summary), not only its account ids. Both are marked `redacted` in the export,
 * since either way only the item's hash recomputes the digest; only the first is kept from readers.
 */
export function withholdsContent(item: unknown, redaction: RedactedItem): boolean {
  const { redacted: _redacted, hash: _hash, ...shown } = redaction;
  return canonicalJson(shown) !== canonicalJson(withoutAccountIds(item as Record<string, unknown>));
}

/**
 * The record as a reader outside the secretariat receives it: items with something withheld replaced by their
 * view sealed at closing and their hash; how many (`redacted`), and of those, how many withhold content.
 */
export function publicRecord(record: ClosingRecord): {
  record: ClosingRecord;
  redacted: number;
  withheld: number;
} {
  const { redactions = {}, ...rest } = record;
  let redacted = 0;
  let withheld = 0;
  const sections = Object.fromEntries(
    Object.entries(rest.sections).map(([name, items]) => {
      const byId = redactions[name];
      if (!byId || !Array.isArray(items)) return [name, items];
      return [
        name,
        items.map((item) => {
          const r = byId[String(idOf(item))];
          if (r) redacted++;
          if (r && withholdsContent(item, r)) withheld++;
          return r ?? item;
        }),
      ];
    }),
  );
  return { record: { ...rest, sections }, redacted, withheld };
}

/** The record with everything (the secretariat's export), without the stored reader views. */
export function fullRecord(record: ClosingRecord): ClosingRecord {
  const { redactions: _redactions, ...rest } = record;
  return rest;
}

const isRedacted = (item: unknown): item is RedactedItem =>
  typeof item === 'object' &&
  item !== null &&
  (item as { redacted?: unknown }).redacted === true &&
  /^[0-9a-f]{64}$/.test(String((item as { hash?: unknown }).hash));

const hashOf = (item: unknown) => (isRedacted(item) ? item.hash : itemHash(item));

/** The recipe of DIGEST_RECIPE; works on the full record and on a reader's export alike. */
export function closingDigest(record: ClosingRecord): string {
  const sections = Object.fromEntries(
    Object.entries(record.sections).map(([name, items]) => [
      name,
      Array.isArray(items) ? items.map(hashOf) : hashOf(items),
    ]),
  );
  const sealed = {
    ...Object.fromEntries(CLOSING_DIGEST_FIELDS.map((k) => [k, record[k]])),
    sections,
  };
  return sha256(canonicalJson(sealed));
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
