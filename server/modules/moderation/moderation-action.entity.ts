import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One entry of a consultation's public moderation log: a comment hidden or shown again, and why. */
@Entity('moderation_actions')
export class ModerationAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  consultationId: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'uuid' })
  commentId: string;

  @Column({ type: 'text' })
  action: 'hide' | 'unhide';

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  moderatorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
