import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A document frozen when its round closed: what the closing record quotes and what round N+1 starts from.
 * Never updated: verification of the closing digest reads this row back.
 */
@Entity('doc_versions')
export class DocVersion {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_doc_versions' })
  docName: string;

  @Index('IDX_doc_versions_round_id')
  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'bytea' })
  state: Buffer;

  @Column({ type: 'text' })
  plainText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
