import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Remembers each session's previous refresh token, so a replayed one ends the session (token theft). */
export class RefreshReuseDetection1764300100001 implements MigrationInterface {
  name = 'RefreshReuseDetection1764300100001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" ADD "previous_refresh_token_hash" text`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "rotated_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "rotated_at"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "previous_refresh_token_hash"`);
  }
}
