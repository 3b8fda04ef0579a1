import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CommentState } from '../../../shared/domain.js';

/**
 * One comment in a thread (the first one opens it; replies follow in a flat list, which reads best beside a
 * passage). The body is plain text; it is never rendered as HTML. Withdrawn comments keep their row as a
 * tombstone; hidden ones keep their body for the record and the moderators.
 */
@Entity('comments')
@Index(['threadId', 'createdAt'])
export class Comment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  threadId: string;

  @Index()
  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'uuid' })
  consultationId: string;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', default: 'visible' })
  state: CommentState;

  /** Written by the secretariat or a chair of the consultation at the time. */
  @Column({ type: 'boolean', default: false })
  official: boolean;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  mentionIds: string[];

  @Column({ type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'text', nullable: true })
  hiddenReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  hiddenById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  /** Set when this comment was copied into a carried-over thread. */
  @Column({ type: 'uuid', nullable: true })
  carriedFromCommentId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
