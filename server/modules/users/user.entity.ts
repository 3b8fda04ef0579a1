import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Membership, PlatformRole, Region, StakeholderGroup } from '../../../shared/domain.js';
import { Organisation } from '../organisations/organisation.entity.js';

/**
 * An account. A user belongs to at most one organisation and, as its focal point, may speak for it;
 * without one they take part in a personal capacity with the group, country and region of their profile.
 */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased: emails are compared case-insensitively. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text', default: 'user' })
  platformRole: PlatformRole;

  @Index('IDX_users_organisation')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation | null;

  @Column({ type: 'boolean', default: false })
  isFocalPoint: boolean;

  /** Administers its organisation: sets its focal points (beside the secretariat). */
  @Column({ type: 'boolean', default: false })
  isOrgAdmin: boolean;

  /** Personal-capacity profile, used when the user has no organisation. */
  @Column({ type: 'text', nullable: true })
  stakeholderGroup: StakeholderGroup | null;

  @Column({ type: 'text', nullable: true })
  membership: Membership | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'text', nullable: true })
  region: Region | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
