import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Stance } from '../../../shared/domain.js';
import type { Capacity } from '../../../shared/schemas/positions.js';

/**
 * The current position of one actor on one option of a round. The actor is a person (`user:<id>`) or an
 * organisation (`org:<id>`), so an organisation has one position per option whoever of its focal points
 * speaks. The actor's group, membership, country and region are copied in at each change: tallies are a plain
 * GROUP BY on this table, and a closed round's record does not move when an organisation is reclassified.
 * Withdrawing keeps the row (its id stays a stable target for discussion threads) with `withdrawnAt` set.
 */
@Entity('positions')
@Index('IDX_positions_round_option_actor', ['roundId', 'optionId', 'actorKey'], { unique: true })
@Index('IDX_positions_round_actor', ['roundId', 'actorKey'])
@Index('UQ_positions_one_preferred', ['roundId', 'actorKey'], {
  unique: true,
  where: '"preferred" AND "withdrawn_at" IS NULL',
})
export class Position {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consultationId: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'uuid' })
  optionId: string;

  @Column({ type: 'text' })
  actorKey: string;

  @Column({ type: 'text' })
  capacity: Capacity;

  /** The person, for a personal-capacity position. */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  /** The organisation, for an organisation position. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** Who cast the current version: the person, or the focal point who spoke for the organisation. */
  @Column({ type: 'uuid' })
  castById: string;

  @Column({ type: 'text' })
  stance: Stance;

  @Column({ type: 'text', default: '' })
  rationale: string;

  @Column({ type: 'boolean', default: false })
  preferred: boolean;

  @Column({ type: 'text', nullable: true })
  stakeholderGroup: string | null;

  @Column({ type: 'text', nullable: true })
  membership: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
