import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Participation, Visibility } from '../../../shared/domain.js';
import { ConsultationOption } from './option.entity.js';

/** A question put to stakeholders over one or more rounds. */
@Entity('consultations')
export class Consultation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  question: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: 'public' })
  visibility: Visibility;

  @Column({ type: 'text', default: 'all_stakeholders' })
  participation: Participation;

  /** Tallies stay with the secretariat until the round closes, against bandwagon effects. */
  @Column({ type: 'boolean', default: false })
  hideTalliesUntilClose: boolean;

  @Column({ type: 'boolean', default: false })
  rationaleRequired: boolean;

  @Column({ type: 'int', default: 2000 })
  rationaleMaxLength: number;

  /** Chairs are neutral by default (they take no positions); a consultation may let them take part. */
  @Column({ type: 'boolean', default: false })
  chairsMayTakePositions: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @OneToMany(() => ConsultationOption, (o) => o.consultation)
  options?: ConsultationOption[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /**
   * Counts the changes to this row, for optimistic concurrency (a settings save names the version it was based
   * on). Bumped by the database on every UPDATE (migration ConsultationVersions), never written by the app.
   */
  @Column({ type: 'int', default: 1, insert: false, update: false })
  version: number;
}
