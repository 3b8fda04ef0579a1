import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter per round, bumped by every position change inside its transaction. Its row lock makes the counter
 * follow commit order, so a tally computed in one snapshot carries a version that orders it against any other,
 * whichever node computed it and whichever path (socket event or HTTP) delivered it.
 */
export class PositionTallyVersions1764300400001 implements MigrationInterface {
  name = 'PositionTallyVersions1764300400001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "position_tally_versions" ("round_id" uuid NOT NULL, "version" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_position_tally_versions" PRIMARY KEY ("round_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "position_tally_versions" ADD CONSTRAINT "FK_position_tally_versions_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "position_tally_versions"`);
  }
}
