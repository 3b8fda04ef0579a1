import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed-in device. Access tokens name their session, so revoking the row (sign-out, password change,
 * role change) refuses the token on its next use instead of when it expires.
 */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  /** SHA-256 of the refresh token; the token itself is never stored. */
  @Column({ type: 'text' })
  refreshTokenHash: string;

  /** The refresh token before the last rotation: presented again, it reveals a stolen copy. */
  @Column({ type: 'text', nullable: true })
  previousRefreshTokenHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
