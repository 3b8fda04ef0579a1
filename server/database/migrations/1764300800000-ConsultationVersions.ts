import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consultation's version, for optimistic concurrency: a settings save names the version it was based on and
 * is refused (409) when the row has changed since. A trigger bumps it on every UPDATE of the row, so every
 * writer counts, whichever way it writes (the ORM, a query builder, plain SQL).
 */
export class ConsultationVersions1764300800000 implements MigrationInterface {
  name = 'ConsultationVersions1764300800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consultations" ADD "version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`CREATE FUNCTION consultations_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := OLD.version + 1;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER consultations_version BEFORE UPDATE ON "consultations" FOR EACH ROW EXECUTE FUNCTION consultations_next_version()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "consultations_version" ON "consultations"`);
    await queryRunner.query(`DROP FUNCTION consultations_next_version()`);
    await queryRunner.query(`ALTER TABLE "consultations" DROP COLUMN "version"`);
  }
}
