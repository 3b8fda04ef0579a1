import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One published version of a round's summary, frozen: its document, the HTML and Markdown rendered from it
 * on the server, and the SHA-256 over them. Rows are never updated (a database trigger refuses it); a
 * correction is the next version with a change note.
 */
@Entity('summary_versions')
@Unique(['roundId', 'number'])
export class SummaryVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'uuid' })
  consultationId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text', default: '' })
  changeNote: string;

  /** ProseMirror JSON with citations resolved (frozen quote, author, organisation, group). */
  @Column({ type: 'jsonb' })
  document: unknown;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  markdown: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'uuid', nullable: true })
  publishedById: string | null;

  @Column({ type: 'text', nullable: true })
  publishedByName: string | null;

  @Column({ type: 'timestamptz' })
  publishedAt: Date;
}
