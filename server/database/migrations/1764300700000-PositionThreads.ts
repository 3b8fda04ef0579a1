import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A thread may discuss one position (a rationale). The thread goes with its position: positions are never
 * deleted (withdrawing keeps the row), so the cascade only applies when the whole round goes.
 */
export class PositionThreads1764300700000 implements MigrationInterface {
  name = 'PositionThreads1764300700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "threads" ADD "position_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_threads_position" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE CASCADE`,
    );
    // The rationales list counts threads per position in its own query.
    await queryRunner.query(
      `CREATE INDEX "IDX_threads_position" ON "threads" ("position_id") WHERE "position_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_threads_position"`);
    await queryRunner.query(`ALTER TABLE "threads" DROP CONSTRAINT "FK_threads_position"`);
    await queryRunner.query(`ALTER TABLE "threads" DROP COLUMN "position_id"`);
  }
}
