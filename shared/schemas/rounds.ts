import { z } from 'zod';
import type { RoundView } from './consultations.js';

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const createRoundSchema = z.strictObject({
  /** When the round opens by itself; null or absent: when the secretariat opens it. */
  opensAt: instant.nullable().optional(),
  /** The deadline: the round closes by itself once it has passed. */
  closesAt: instant.nullable().optional(),
});
export type CreateRoundInput = z.infer<typeof createRoundSchema>;

/** Reschedule a scheduled round, or extend / shorten the deadline of an open one (never into the past). */
export const updateRoundSchema = z
  .strictObject({
    opensAt: instant.nullable().optional(),
    closesAt: instant.nullable().optional(),
  })
  .refine((v) => v.opensAt !== undefined || v.closesAt !== undefined, 'nothing to change');
export type UpdateRoundInput = z.infer<typeof updateRoundSchema>;

/**
 * Open a scheduled round now, optionally setting its deadline in the same step: a date (after now), or null to
 * open with none. Absent: the round keeps the deadline it has.
 */
export const openRoundSchema = z.strictObject({
  closesAt: instant.nullable().optional(),
});
export type OpenRoundInput = z.infer<typeof openRoundSchema>;

/**
 * How a closing record's digest is computed, so anyone can recompute it from the export:
 *   itemHash(item) = sha256hex(canonicalJson(item))      — or `item.hash` when the export marks it `redacted`
 *   digest = sha256hex(canonicalJson({ version, roundId, consultationId, number, closedAt,
 *                                      sections: { <name>: [itemHash(item) for each item] } }))
 * (a section that is not a list is hashed as one item). Hashing item by item lets the public export withhold
 * what readers may not see (a hidden comment's body, account ids) and still be checked against the digest.
 */
export const CLOSING_DIGEST_FIELDS = [
  'version',
  'roundId',
  'consultationId',
  'number',
  'closedAt',
  'sections',
] as const;

/** How an item the reader may not see appears in the export. */
export interface RedactedItem {
  id: string | null;
  redacted: true;
  /** sha256hex(canonicalJson(sealed item)). */
  hash: string;
  [field: string]: unknown;
}

/**
 * The frozen account of a closed round. `sections` holds each module's frozen content (lists of items with
 * `id`); `counts` are derived from them for display and are not sealed.
 */
export interface ClosingRecord {
  version: number;
  roundId: string;
  consultationId: string;
  number: number;
  closedAt: string;
  sections: Record<string, unknown>;
  counts: Record<string, number | Record<string, number>>;
  /** Stored beside the sealed content, never exported: what readers see of withheld items, by section and id. */
  redactions?: Record<string, Record<string, RedactedItem>>;
}

export interface ClosingRecordView {
  record: ClosingRecord;
  digest: string;
  algorithm: 'sha256';
  /** The fields of `record` the digest covers (see CLOSING_DIGEST_FIELDS for the recipe). */
  digestOf: readonly string[];
  /** How the digest is computed, in words, for whoever recomputes it. */
  recipe: string;
  /**
   * How many items of this export are marked `redacted` for this reader (their hash stands in for them in
   * the digest): `withheldItems` + `accountIdsLeftOut`.
   */
  redactedItems: number;
  /** Items whose content is withheld from this reader: a hidden or withdrawn comment's words, an unpublished summary. */
  withheldItems: number;
  /** Items published whole but for the account ids they hold (authors, who cast a position). */
  accountIdsLeftOut: number;
}

export interface RecordDifference {
  section: string;
  /** The first item (by `id`) whose content differs, when the section is a list of items. */
  itemId: string | null;
  reason: string;
}

export interface RoundVerificationView {
  roundId: string;
  valid: boolean;
  storedDigest: string;
  /** The digest of the content as it is now in the database. */
  recomputedDigest: string;
  /** Whether the stored record itself still hashes to the stored digest. */
  recordMatchesDigest: boolean;
  firstDifference: RecordDifference | null;
  verifiedAt: string;
}

/** Payload of `round.updated` on the consultation room. */
export interface RoundUpdatedPayload {
  round: RoundView;
  change: 'created' | 'opened' | 'rescheduled' | 'deadlineChanged' | 'closed';
}

/** Payload of `round.closingSoon`. */
export interface RoundClosingSoonPayload {
  round: RoundView;
  minutesLeft: number;
}

/** Payload of `consultation.updated`. */
export interface ConsultationUpdatedPayload {
  consultationId: string;
  change: 'settings' | 'options' | 'chairs';
}

export interface AuditEventView {
  id: string;
  action: string;
  /** Display name of whoever acted; null for the system (deadline, scheduler). */
  actor: string | null;
  /** Only for the secretariat. */
  actorId?: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
  hash: string;
  prevHash: string;
}

export interface AuditChainView {
  valid: boolean;
  events: number;
  firstBrokenEventId?: string;
  reason?: string;
}

/** One change made between the previous round's close and this round's opening (options, settings). */
export interface RoundChangeView {
  action:
    | 'option.added'
    | 'option.edited'
    | 'option.retired'
    | 'option.restored'
    | 'option.reordered'
    | 'consultation.updated';
  at: string;
  /** The option concerned, with its label as it is now (added, edited, retired, restored). */
  option: { id: string; label: string } | null;
  /** For `consultation.updated`: the settings that changed. */
  fields: string[];
}
