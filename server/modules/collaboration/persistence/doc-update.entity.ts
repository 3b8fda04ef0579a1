import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only log of accepted Yjs updates, one row per group commit. Rows are only ever inserted, and
 * deleted by compaction once merged into the snapshot (exactly the rows it merged).
 */
@Entity('doc_updates')
@Index('IDX_doc_updates_doc_name_id', ['docName', 'id'])
export class DocUpdate {
  /** bigint: TypeORM hands it over as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_doc_updates' })
  id: string;

  @Column({ type: 'text' })
  docName: string;

  @Column({ type: 'bytea' })
  update: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
