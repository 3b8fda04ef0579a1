import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A body a comment had before an edit or a withdrawal: edits never erase what was said. */
@Entity('comment_revisions')
export class CommentRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  commentId: string;

  @Column({ type: 'text' })
  body: string;

  /** Why the body was replaced: an edit or a withdrawal. */
  @Column({ type: 'text' })
  reason: 'edit' | 'withdraw';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
