import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RoundStatus } from '../../../shared/domain.js';

/**
 * One round of a consultation, on its own draft. Its status only moves forward; once closed, the
 * closing record and digest are the round's frozen, verifiable account.
 */
@Entity('rounds')
@Index('IDX_rounds_status', ['status'])
@Index(['consultationId', 'number'], { unique: true })
/** At most one open round per consultation, guaranteed by the database as well as by the service. */
@Index('IDX_rounds_one_open_per_consultation', ['consultationId'], {
  unique: true,
  where: `"status" = 'open'`,
})
export class Round {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consultationId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text', default: 'scheduled' })
  status: RoundStatus;

  /** When the round should open by itself; null means "when the secretariat opens it". */
  @Column({ type: 'timestamptz', nullable: true })
  opensAt: Date | null;

  /** The deadline: the scheduler closes the round once it has passed. */
  @Column({ type: 'timestamptz', nullable: true })
  closesAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  previousRoundId: string | null;

  /**
   * The smallest "closing soon" notice already announced for the current deadline (in minutes before it:
   * 1440, 60), so each notice goes out once across restarts and nodes. Reset when the deadline moves.
   */
  @Column({ type: 'int', nullable: true })
  closingNoticeMinutes: number | null;

  /** Frozen account written in the closing transaction (counts, final draft state, digest input). */
  @Column({ type: 'jsonb', nullable: true })
  closingRecord: Record<string, unknown> | null;

  /** SHA-256 (hex) over the canonical serialisation of the frozen content. */
  @Column({ type: 'text', nullable: true })
  closingDigest: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
