import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ThreadStatus, ThreadTarget } from '../../../shared/domain.js';

/**
 * A discussion on a passage of a round's draft, on an option, on a position (its rationale), or on the round
 * as a whole. A passage's anchor
 * lives here, outside the document (decision 4): two Yjs relative positions and the quote the server saw.
 */
@Entity('threads')
@Index(['roundId', 'updatedAt'])
export class Thread {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  consultationId: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'text' })
  target: ThreadTarget;

  @Column({ type: 'uuid', nullable: true })
  optionId: string | null;

  /** The position (a stance and its rationale) a `position` thread discusses. */
  @Index('IDX_threads_position', { where: '"position_id" IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  positionId: string | null;

  /** Base64 `Y.encodeRelativePosition` of the passage's start and end (passage threads only). */
  @Column({ type: 'text', nullable: true })
  anchorStart: string | null;

  @Column({ type: 'text', nullable: true })
  anchorEnd: string | null;

  /** The passage as the server read it when the thread was opened, with a little context. */
  @Column({ type: 'text', nullable: true })
  quoteExact: string | null;

  @Column({ type: 'text', nullable: true })
  quotePrefix: string | null;

  @Column({ type: 'text', nullable: true })
  quoteSuffix: string | null;

  @Column({ type: 'text', default: 'open' })
  status: ThreadStatus;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedById: string | null;

  /** Set on a thread carried into a new round: the thread it continues. */
  @Column({ type: 'uuid', nullable: true })
  carriedFromThreadId: string | null;

  @Column({ type: 'uuid', nullable: true })
  carriedFromRoundId: string | null;

  @Column({ type: 'int', nullable: true })
  carriedFromRoundNumber: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Touched by every change in the thread (replies, edits, hides), so `?since=` finds it. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
