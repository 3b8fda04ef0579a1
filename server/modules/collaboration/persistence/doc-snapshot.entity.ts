import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A document's compacted state; its full state is this plus the rows still in `doc_updates`. */
@Entity('doc_snapshots')
export class DocSnapshot {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_doc_snapshots' })
  docName: string;

  /** Y.encodeStateAsUpdate of the merged document. */
  @Column({ type: 'bytea' })
  state: Buffer;

  /** Bumped by every compaction, so a node can tell that rows it never saw were merged in. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
