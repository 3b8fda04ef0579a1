import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Stance } from '../../../shared/domain.js';

/** Every version a position ever had, appended on each change (the current one included); never updated. */
@Entity('position_revisions')
@Index('IDX_position_revisions_version', ['positionId', 'version'], { unique: true })
export class PositionRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  positionId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  stance: Stance;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ type: 'boolean' })
  preferred: boolean;

  /** True for the version that withdrew the position. */
  @Column({ type: 'boolean', default: false })
  withdrawn: boolean;

  @Column({ type: 'uuid' })
  castById: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
