import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rounds: the options each round put on record, at most one open round per consultation (enforced by the
 * database too), the "closing soon" notice already sent; consultations: whether chairs may take positions.
 */
export class RoundsAndConsultationSettings1764300200000 implements MigrationInterface {
  name = 'RoundsAndConsultationSettings1764300200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "round_options" ("round_id" uuid NOT NULL, "option_id" uuid NOT NULL, "sort_order" integer NOT NULL, CONSTRAINT "PK_44a1170e68d41e58ce78ab1cf3f" PRIMARY KEY ("round_id", "option_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_options" ADD CONSTRAINT "FK_round_options_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_options" ADD CONSTRAINT "FK_round_options_option" FOREIGN KEY ("option_id") REFERENCES "options"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_round_options_option" ON "round_options" ("option_id")`);
    await queryRunner.query(
      `ALTER TABLE "consultations" ADD "chairs_may_take_positions" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "rounds" ADD "closing_notice_minutes" integer`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_rounds_one_open_per_consultation" ON "rounds"  ("consultation_id") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `ALTER TABLE "rounds" ADD CONSTRAINT "CHK_rounds_status" CHECK ("status" IN ('scheduled', 'open', 'closed'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "rounds" ADD CONSTRAINT "FK_rounds_previous" FOREIGN KEY ("previous_round_id") REFERENCES "rounds"("id") ON DELETE SET NULL`,
    );
    // The scheduler looks for due rounds by status and time every few seconds.
    await queryRunner.query(`CREATE INDEX "IDX_rounds_status" ON "rounds" ("status")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_rounds_status"`);
    await queryRunner.query(`ALTER TABLE "rounds" DROP CONSTRAINT "FK_rounds_previous"`);
    await queryRunner.query(`ALTER TABLE "rounds" DROP CONSTRAINT "CHK_rounds_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_rounds_one_open_per_consultation"`);
    await queryRunner.query(`ALTER TABLE "rounds" DROP COLUMN "closing_notice_minutes"`);
    await queryRunner.query(`ALTER TABLE "consultations" DROP COLUMN "chairs_may_take_positions"`);
    await queryRunner.query(`DROP TABLE "round_options"`);
  }
}
