import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Yjs documents: the append-only update log, compacted snapshots, and versions frozen at round close. */
export class CollabDocuments1764300300000 implements MigrationInterface {
  name = 'CollabDocuments1764300300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "doc_updates" ("id" BIGSERIAL NOT NULL, "doc_name" text NOT NULL, "update" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_doc_updates" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_doc_updates_doc_name_id" ON "doc_updates" ("doc_name", "id")`);
    await queryRunner.query(
      `CREATE TABLE "doc_snapshots" ("doc_name" text NOT NULL, "state" bytea NOT NULL, "version" integer NOT NULL DEFAULT 1, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_doc_snapshots" PRIMARY KEY ("doc_name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "doc_versions" ("doc_name" text NOT NULL, "round_id" uuid NOT NULL, "state" bytea NOT NULL, "plain_text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_doc_versions" PRIMARY KEY ("doc_name"), CONSTRAINT "FK_doc_versions_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_doc_versions_round_id" ON "doc_versions" ("round_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "doc_versions"`);
    await queryRunner.query(`DROP TABLE "doc_snapshots"`);
    await queryRunner.query(`DROP TABLE "doc_updates"`);
  }
}
