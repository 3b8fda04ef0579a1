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
 * The closing record under construction. Each module that owns content in a round (draft, threads,
 * comments, positions) adds one section during `round.closing`; the digest is then computed over the
 * canonical JSON of every section, so anyone can recompute it from the export.
 */
export class ClosingRecordBuilder {
  readonly sections: Record<string, unknown> = {};
  readonly counts: Record<string, number | Record<string, number>> = {};

  add(section: string, content: unknown, counts: Record<string, number | Record<string, number>> = {}) {
    if (section in this.sections) throw new Error(`Closing record section "${section}" was added twice`);
    this.sections[section] = content;
    Object.assign(this.counts, counts);
  }
}

/**
 * Emitted with `emitAsync` inside the closing transaction, after the round row is locked FOR UPDATE and set to
 * closed. Listeners must use `manager` (never another connection: on the embedded database that deadlocks)
 * and must throw to abort the close.
 */
export class RoundClosing {
  constructor(
    readonly round: Round,
    readonly manager: EntityManager,
    readonly record: ClosingRecordBuilder,
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

/** Emitted with `emitAsync` inside the transaction that creates `round` as the successor of `previous`. */
export class RoundCreatingFromPrevious {
  constructor(
    readonly round: Round,
    readonly previous: Round,
    readonly manager: EntityManager,
  ) {}
}
