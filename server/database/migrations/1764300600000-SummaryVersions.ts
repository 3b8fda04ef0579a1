import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published summary versions. A trigger refuses any UPDATE: a published version never changes, a correction
 * is a new row (reliability-anchors §3.2).
 */
export class SummaryVersions1764300600000 implements MigrationInterface {
  name = 'SummaryVersions1764300600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "summary_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "consultation_id" uuid NOT NULL, "number" integer NOT NULL, "change_note" text NOT NULL DEFAULT '', "document" jsonb NOT NULL, "html" text NOT NULL, "markdown" text NOT NULL, "sha256" character(64) NOT NULL, "published_by_id" uuid, "published_by_name" text, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_summary_versions_round_number" UNIQUE ("round_id", "number"), CONSTRAINT "PK_summary_versions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "summary_versions" ADD CONSTRAINT "FK_summary_versions_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "summary_versions" ADD CONSTRAINT "FK_summary_versions_consultation" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "summary_versions" ADD CONSTRAINT "FK_summary_versions_publisher" FOREIGN KEY ("published_by_id") REFERENCES "users"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_summary_versions_consultation" ON "summary_versions" ("consultation_id")`,
    );
    await queryRunner.query(`CREATE FUNCTION summary_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.published_by_id IS NULL AND OLD.published_by_id IS NOT NULL
           AND (to_jsonb(NEW) - 'published_by_id') = (to_jsonb(OLD) - 'published_by_id') THEN
          RETURN NEW; -- the publisher's account was deleted (ON DELETE SET NULL): the content is untouched
        END IF;
        RAISE EXCEPTION 'a published summary version never changes; publish a new version instead';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER summary_versions_no_update BEFORE UPDATE ON "summary_versions" FOR EACH ROW EXECUTE FUNCTION summary_versions_frozen()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "summary_versions_no_update" ON "summary_versions"`);
    await queryRunner.query(`DROP FUNCTION summary_versions_frozen()`);
    await queryRunner.query(`DROP TABLE "summary_versions"`);
  }
}
