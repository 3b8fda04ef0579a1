import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An organisation's own admin, who sets its focal points beside the secretariat. */
export class OrganisationAdmins1764300100000 implements MigrationInterface {
  name = 'OrganisationAdmins1764300100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "is_org_admin" boolean NOT NULL DEFAULT false`);
    // Members of an organisation are listed by it (members page, focal points).
    await queryRunner.query(`CREATE INDEX "IDX_users_organisation" ON "users" ("organisation_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_users_organisation"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "is_org_admin"`);
  }
}
