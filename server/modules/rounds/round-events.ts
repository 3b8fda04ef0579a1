import type { EntityManager } from 'typeorm';
import type { Round } from './round.entity.js';

/** Event names on the in-process bus (@nestjs/event-emitter). */
export const ROUND_EVENTS = {
  /** Inside the closing transaction, before commit: listeners freeze their content into the record. */
  CLOSING: 'round.closing',
  /** After the closing transaction committed. */
  CLOSED: 'round.closed',
  /** After a round was opened (committed). */
  OPENED: 'round.opened',
  /** Inside the transaction that creates a round from a previous one: listeners carry their content over. */
  CREATING_FROM_PREVIOUS: 'round.creatingFromPrevious',
  /** After a round's deadline or other timing changed (committed). */
  UPDATED: 'round.updated',
} as const;

/**
 * What readers of a public record may see of one sealed item: the fields to show, or null to withhold it all.
 * Whatever is shown, the exported item is marked `redacted` and carries the sealed item's hash, so the digest
 * stays recomputable from the export (hidden comment bodies, account ids: reliability-anchors A15).
 */
export type PublicView = (item: never) => Record<string, unknown> | null;

/**
 * The fields of sealed items that hold account ids (authors, moderators, people mentioned, who cast a
 * position). Public readers never get them, though the rest of such an item is public: the record tells
 * these items apart from those whose content it withholds (a hidden comment's words), which is what readers
 * take "withheld" to mean.
 */
const ACCOUNT_ID_FIELDS: readonly string[] = [
  'authorId',
  'resolvedById',
  'hiddenById',
  'mentionIds',
  'actor',
  'castBy',
];

/** A sealed item as public readers see it when none of its content is withheld. */
export const withoutAccountIds = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([field]) => !ACCOUNT_ID_FIELDS.includes(field)));

/**
 * The closing record under construction. Each module that owns content in a round (draft, threads,
 * comments, positions) adds one section during `round.closing`; the digest is then computed over the
 * SHA-256 of each item's canonical JSON, so anyone can recompute it from the export.
 */
export class ClosingRecordBuilder {
  readonly sections: Record<string, unknown> = {};
  readonly counts: Record<string, number | Record<string, number>> = {};
  readonly publicViews: Record<string, PublicView> = {};

  /** How many sections have been added so far. */
  get size(): number {
    return Object.keys(this.sections).length;
  }

  /**
   * Adds a section: a list of items with `id` (or one value). `publicView`, when given, says what readers
   * outside the secretariat see of each item; without it the item is public as sealed.
   */
  add<T>(
    section: string,
    content: T[] | unknown,
    counts: Record<string, number | Record<string, number>> = {},
    options: { publicView?: (item: T) => Record<string, unknown> | null } = {},
  ) {
    if (section in this.sections) throw new Error(`Closing record section "${section}" was added twice`);
    this.sections[section] = content;
    Object.assign(this.counts, counts);
    if (options.publicView) this.publicViews[section] = options.publicView as PublicView;
  }
}

/**
 * Delivered inside the closing transaction (each listener awaited in turn), after the round row is locked
 * FOR UPDATE and set to closed (`purpose: 'close'`), and again later in a read-only transaction to verify a closed round against its
 * digest (`purpose: 'verify'`). Register with `@OnEvent(ROUND_EVENTS.CLOSING, { suppressErrors: false })`:
 * Nest swallows a listener's error by default. The closing service also calls the listeners one by one and
 * requires each to add at least one section (an empty list when it has nothing to seal), so a listener whose
 * error was swallowed still aborts the close instead of sealing a record without its section.
 * Listeners therefore only *gather* their frozen content: freezing itself comes from
 * the round being closed, which every write checks (`lockRoundForWrite`). Use `manager` only (another
 * connection deadlocks the embedded database) and throw to abort the close. Each section should be a list of
 * items with ids, so that verification can name the first item that no longer matches.
 */
export class RoundClosing {
  constructor(
    readonly round: Round,
    readonly manager: EntityManager,
    readonly record: ClosingRecordBuilder,
    readonly purpose: 'close' | 'verify' = 'close',
  ) {}
}

export class RoundClosed {
  constructor(readonly round: Round) {}
}

export class RoundOpened {
  constructor(readonly round: Round) {}
}

export class RoundUpdated {
  constructor(readonly round: Round) {}
}

/** Emitted (listener by listener, `emitInOrder`) inside the transaction that creates `round` as the successor of `previous`. */
export class RoundCreatingFromPrevious {
  constructor(
    readonly round: Round,
    readonly previous: Round,
    readonly manager: EntityManager,
  ) {}
}
