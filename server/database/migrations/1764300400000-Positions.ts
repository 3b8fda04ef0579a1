import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Positions on options (one per actor, option and round), their revisions, and the one-preferred rule. */
export class Positions1764300400000 implements MigrationInterface {
  name = 'Positions1764300400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "positions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consultation_id" uuid NOT NULL, "round_id" uuid NOT NULL, "option_id" uuid NOT NULL, "actor_key" text NOT NULL, "capacity" text NOT NULL, "user_id" uuid, "organisation_id" uuid, "cast_by_id" uuid NOT NULL, "stance" text NOT NULL, "rationale" text NOT NULL DEFAULT '', "preferred" boolean NOT NULL DEFAULT false, "stakeholder_group" text, "membership" text, "country" character(2), "region" text, "version" integer NOT NULL DEFAULT '1', "withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_positions" PRIMARY KEY ("id"), CONSTRAINT "CHK_positions_stance" CHECK ("stance" IN ('support', 'support_with_changes', 'neutral', 'oppose')), CONSTRAINT "CHK_positions_capacity" CHECK (("capacity" = 'personal' AND "user_id" IS NOT NULL) OR ("capacity" = 'organisation' AND "organisation_id" IS NOT NULL)))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_positions_round_option_actor" ON "positions" ("round_id", "option_id", "actor_key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_positions_round_actor" ON "positions" ("round_id", "actor_key")`,
    );
    // One preferred option per actor and round, enforced by the database as well as the service.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_positions_one_preferred" ON "positions" ("round_id", "actor_key") WHERE "preferred" AND "withdrawn_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "position_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position_id" uuid NOT NULL, "version" integer NOT NULL, "stance" text NOT NULL, "rationale" text NOT NULL, "preferred" boolean NOT NULL, "withdrawn" boolean NOT NULL DEFAULT false, "cast_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_position_revisions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_position_revisions_version" ON "position_revisions" ("position_id", "version")`,
    );
    const fk = (table: string, column: string, target: string, onDelete: string) =>
      queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "FK_${table}_${column}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE ${onDelete}`,
      );
    await fk('positions', 'consultation_id', 'consultations', 'CASCADE');
    await fk('positions', 'round_id', 'rounds', 'CASCADE');
    await fk('positions', 'option_id', 'options', 'CASCADE');
    // People and organisations are disabled, not deleted, once they have spoken: refuse a delete.
    await fk('positions', 'user_id', 'users', 'RESTRICT');
    await fk('positions', 'organisation_id', 'organisations', 'RESTRICT');
    await fk('positions', 'cast_by_id', 'users', 'RESTRICT');
    await fk('position_revisions', 'position_id', 'positions', 'CASCADE');
    await fk('position_revisions', 'cast_by_id', 'users', 'RESTRICT');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "position_revisions"`);
    await queryRunner.query(`DROP TABLE "positions"`);
  }
}
