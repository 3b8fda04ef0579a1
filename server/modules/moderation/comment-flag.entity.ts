import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A participant's report that a comment breaks the rules. One open flag per person and comment. */
@Entity('comment_flags')
@Index(['commentId', 'userId'], { unique: true })
export class CommentFlag {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  commentId: string;

  @Index()
  @Column({ type: 'uuid' })
  consultationId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  reason: string;

  /** When a moderator decided on the comment (hid it); open flags have none. */
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
